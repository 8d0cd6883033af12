import { Divider, ListSubheader } from '@mui/material'
import { Menu as RaMenu, useResourceDefinitions, useSidebarState, useTranslate } from 'react-admin'

// Daily work first, in this order; every other resource with a list goes under "管理".
const WORK = ['topics', 'projects', 'activities', 'registrations', 'volunteers', 'forms']

/** The side menu: dashboard, daily work, then administration (entries hidden by canAccess). */
const Menu = () => {
  const resources = useResourceDefinitions()
  const translate = useTranslate()
  const [open] = useSidebarState()
  const listed = Object.values(resources).filter((r) => r.hasList)
  const work = WORK.filter((name) => listed.some((r) => r.name === name))
  const rest = listed.map((r) => r.name).filter((name) => !WORK.includes(name))
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {work.map((name) => (
        <RaMenu.ResourceItem key={name} name={name} />
      ))}
      {rest.length > 0 && <Divider />}
      {rest.length > 0 && open && (
        <ListSubheader sx={{ lineHeight: 2.5, bgcolor: 'transparent' }}>
          {translate('app.menu.admin')}
        </ListSubheader>
      )}
      {rest.map((name) => (
        <RaMenu.ResourceItem key={name} name={name} />
      ))}
    </RaMenu>
  )
}

export default Menu
