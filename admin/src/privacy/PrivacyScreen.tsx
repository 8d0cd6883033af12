import { Box, Tab, Tabs } from '@mui/material'
import { Link, useParams } from 'react-router-dom'
import { Title, useTranslate } from 'react-admin'
import { isAdmin } from '../lib/permissions'
import { useMe } from '../lib/useMe'
import AccessLog from './AccessLog'
import Requests from './Requests'
import Retention from './Retention'

// 个人信息 (#17) at #/privacy/<tab>: the request queue, the retention preview and purge log, and
// (admins only) the access log.

const TABS = ['requests', 'retention', 'access-log'] as const
type TabName = (typeof TABS)[number]

const PrivacyScreen = () => {
  const translate = useTranslate()
  const { role } = useMe()
  const { tab: wanted } = useParams()
  const tabs = TABS.filter((t) => t !== 'access-log' || isAdmin(role))
  const tab: TabName = tabs.includes(wanted as TabName) ? (wanted as TabName) : 'requests'
  const labelOf = (t: TabName) => translate(`privacy.tabs.${t === 'access-log' ? 'accessLog' : t}`)
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={`${translate('privacy.menu')} · ${labelOf(tab)}`} />
      <Tabs value={tab} sx={{ mb: 2 }}>
        {tabs.map((t) => (
          <Tab key={t} value={t} label={labelOf(t)} component={Link} to={`/privacy/${t}`} />
        ))}
      </Tabs>
      {tab === 'requests' && <Requests />}
      {tab === 'retention' && <Retention />}
      {tab === 'access-log' && <AccessLog />}
    </Box>
  )
}

export default PrivacyScreen
