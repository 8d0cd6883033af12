import { memo } from 'react'
import { Chip } from '@mui/material'
import {
  AppBar as RaAppBar,
  TitlePortal,
  UserMenu,
  useGetIdentity,
  useTranslate,
} from 'react-admin'
import { useMe } from '../lib/useMe'
import LocaleSwitch from './LocaleSwitch'

/**
 * react-admin's app bar with the locale switch and the signed-in role. The screen's title is the
 * page's one h1 (styled as before).
 */
const AppBar = () => {
  const { role } = useMe()
  const translate = useTranslate()
  return (
    <RaAppBar toolbar={<LocaleSwitch />} color="primary" userMenu={<AccountMenu />}>
      <TitlePortal component="h1" />
      {role && (
        <Chip
          size="small"
          label={translate(`app.role.${role}`)}
          data-testid="role-chip"
          sx={{ color: 'inherit', borderColor: 'rgba(255,255,255,0.5)', mr: 1 }}
          variant="outlined"
        />
      )}
    </RaAppBar>
  )
}

/**
 * react-admin's user menu, named by what it shows: its button reads the user's name, and a name
 * of "个人资料" alone (react-admin's) left the visible words out of what a screen reader or a
 * voice command knows it by.
 */
const AccountMenu = () => {
  const { identity } = useGetIdentity()
  const translate = useTranslate()
  const menu = translate('ra.auth.user_menu')
  return <UserMenu label={identity?.fullName ? `${identity.fullName}（${menu}）` : menu} />
}

// Memoized: react-admin re-renders the layout twice while it registers the resources on a page
// load, and the app bar (its own hooks aside) has nothing to change then.
export default memo(AppBar)
