import { Chip } from '@mui/material'
import { AppBar as RaAppBar, TitlePortal, useTranslate } from 'react-admin'
import { useMe } from '../lib/useMe'
import LocaleSwitch from './LocaleSwitch'

/** react-admin's app bar with the locale switch and the signed-in role. */
const AppBar = () => {
  const { role } = useMe()
  const translate = useTranslate()
  return (
    <RaAppBar toolbar={<LocaleSwitch />} color="primary">
      <TitlePortal />
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

export default AppBar
