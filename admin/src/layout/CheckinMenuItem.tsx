import { ListItemIcon, MenuItem, Tooltip, Typography } from '@mui/material'
import CheckinIcon from '@mui/icons-material/HowToReg'
import { MenuItemLinkClasses, useSidebarState, useTranslate } from 'react-admin'

/**
 * 现场签到 in the side menu: the phone check-in pages (/staff/checkin, server-rendered outside the
 * admin), so a full page load rather than an admin route; styled as the other entries.
 */
const CheckinMenuItem = () => {
  const translate = useTranslate()
  const [open] = useSidebarState()
  const label = translate('app.menu.checkin')
  const item = (
    <MenuItem
      component="a"
      href="/staff/checkin"
      className={MenuItemLinkClasses.root}
      sx={{ color: 'text.secondary' }}
    >
      <ListItemIcon className={MenuItemLinkClasses.icon} sx={{ minWidth: 40, color: 'inherit' }}>
        <CheckinIcon />
      </ListItemIcon>
      <Typography variant="inherit" noWrap sx={{ flexGrow: 1 }}>
        {label}
      </Typography>
    </MenuItem>
  )
  return open ? (
    item
  ) : (
    <Tooltip title={label} placement="right">
      {item}
    </Tooltip>
  )
}

export default CheckinMenuItem
