import { createElement } from 'react'
import { Divider, ListSubheader } from '@mui/material'
import DefaultIcon from '@mui/icons-material/ViewList'
import ReportIcon from '@mui/icons-material/Assessment'
import PrivacyIcon from '@mui/icons-material/PrivacyTip'
import DigestIcon from '@mui/icons-material/MarkEmailUnread'
import {
  Menu as RaMenu,
  useCreatePath,
  useGetResourceLabel,
  useResourceDefinitions,
  useSidebarState,
  useTranslate,
} from 'react-admin'
import { allowed } from '../authProvider'
import { useMe } from '../lib/useMe'
import { useSecondary } from '../lib/useSecondary'
import CheckinMenuItem from './CheckinMenuItem'

// Daily work first, in this order; every other resource with a list goes under "管理".
const WORK = [
  'topics',
  'projects',
  'meetings',
  'programmes',
  'weekly-checkins',
  'activities',
  'registrations',
  'volunteers',
  'forms',
  'help-wanted',
  'claims',
  'partner-projects',
  'partners',
]

/**
 * The side menu: dashboard, daily work, then administration (entries the role may not list
 * hidden). Rendered just after the screen itself (useSecondary); the drawer keeps its width.
 */
const Menu = () => {
  const ready = useSecondary()
  const resources = useResourceDefinitions()
  const translate = useTranslate()
  const [open] = useSidebarState()
  const { role } = useMe()
  // The same rule as authProvider.canAccess, decided once from the signed-in role instead of one
  // canAccess query (and re-render) per entry, as react-admin's ResourceMenuItem would.
  const listed = Object.values(resources).filter((r) => r.hasList && allowed(role, 'list', r.name))
  const work = WORK.filter((name) => listed.some((r) => r.name === name))
  const rest = listed.map((r) => r.name).filter((name) => !WORK.includes(name))
  if (!ready) return null
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {work.map((name) => (
        <ResourceItem key={name} name={name} />
      ))}
      {work.includes('registrations') && <CheckinMenuItem />}
      <RaMenu.Item
        to="/reports"
        state={{ _scrollToTop: true }}
        primaryText={translate('reports.menu')}
        leftIcon={<ReportIcon />}
      />
      {/* The menu is an ARIA menu, whose entries may only be items and separators: the heading
          of the admin entries is a separator named 管理 (a plain <li> there broke the structure). */}
      {rest.length > 0 &&
        (open ? (
          <ListSubheader
            role="separator"
            aria-label={translate('app.menu.admin')}
            sx={{ lineHeight: 2.5, bgcolor: 'transparent', borderTop: 1, borderColor: 'divider' }}
          >
            {translate('app.menu.admin')}
          </ListSubheader>
        ) : (
          <Divider />
        ))}
      {rest.map((name) => (
        <ResourceItem key={name} name={name} />
      ))}
      {/* 个人信息 (#17): the request queue and retention for those who may close requests
          (admin, town); the access log inside is the admin's alone. */}
      {(role === 'admin' || role === 'town') && (
        <RaMenu.Item
          to="/privacy/requests"
          state={{ _scrollToTop: true }}
          primaryText={translate('privacy.menu')}
          leftIcon={<PrivacyIcon />}
        />
      )}
      {/* Every staff user's own daily digest (where it goes, the last one). */}
      <RaMenu.Item
        to="/my-digest"
        state={{ _scrollToTop: true }}
        primaryText={translate('notifications.digest.menu')}
        leftIcon={<DigestIcon />}
      />
    </RaMenu>
  )
}

/** react-admin's ResourceMenuItem without its own access check (the menu has checked). */
const ResourceItem = ({ name }: { name: string }) => {
  const resources = useResourceDefinitions()
  const getResourceLabel = useGetResourceLabel()
  const createPath = useCreatePath()
  const icon = resources[name]?.icon
  return (
    <RaMenu.Item
      to={createPath({ resource: name, type: 'list' })}
      state={{ _scrollToTop: true }}
      primaryText={getResourceLabel(name, 2)}
      leftIcon={createElement(icon ?? DefaultIcon)}
    />
  )
}

export default Menu
