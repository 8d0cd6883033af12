import { useState } from 'react'
import {
  Button,
  CardContent,
  Chip,
  MenuItem,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material'
import {
  useCreate,
  useDelete,
  useGetList,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { useMe } from '../../lib/useMe'
import { useNotifyError } from '../../lib/useNotifyError'
import type { Partner } from '../partners/types'

type Lead = {
  id: number
  activityId: number
  partnerId: number | null
  partnerName: string | null
  volunteerId: number | null
  volunteerName: string | null
}
type Volunteer = { id: number; name: string; skills: string[] }

/**
 * Who leads an activity (主理人) or hosts it with the committee: partners of the town and 达人
 * (volunteers with skills). The partner report counts activities per partner and per 达人.
 */
const ActivityLeadsPanel = () => {
  const activity = useRecordContext<{ id: number }>()
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { writable } = useMe()
  const [pick, setPick] = useState('')
  const { data: leads = [], refetch } = useGetList<Lead>(
    'activity-leads',
    { filter: { activityId: activity?.id }, pagination: { page: 1, perPage: 50 } },
    { enabled: !!activity },
  )
  const { data: partners = [] } = useGetList<Partner>(
    'partners',
    {
      filter: { active: true },
      sort: { field: 'name', order: 'ASC' },
      pagination: { page: 1, perPage: 200 },
    },
    { enabled: writable },
  )
  const { data: volunteers = [] } = useGetList<Volunteer>(
    'volunteers',
    { sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 200 } },
    { enabled: writable },
  )
  const [create] = useCreate()
  const [remove] = useDelete()
  if (!activity) return null
  const talents = volunteers.filter((v) => v.skills.length > 0)
  const add = () => {
    const [kind, id] = pick.split(':')
    create(
      'activity-leads',
      {
        data: {
          activityId: activity.id,
          ...(kind === 'p' ? { partnerId: Number(id) } : { volunteerId: Number(id) }),
        },
      },
      {
        onSuccess: () => {
          setPick('')
          notify('claims.leads.added', { type: 'success' })
          void refetch()
        },
        onError: notifyError,
      },
    )
  }
  return (
    <CardContent data-testid="activity-leads">
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        {translate('claims.leads.title')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
        {leads.length === 0 && (
          <Typography color="text.secondary">{translate('claims.leads.empty')}</Typography>
        )}
        {leads.map((l) => (
          <Chip
            key={l.id}
            label={l.partnerName ?? `${translate('claims.leads.talent')} ${l.volunteerName ?? ''}`}
            onDelete={
              writable
                ? () =>
                    remove(
                      'activity-leads',
                      { id: l.id, previousData: l },
                      {
                        mutationMode: 'pessimistic',
                        onSuccess: () => void refetch(),
                        onError: notifyError,
                      },
                    )
                : undefined
            }
          />
        ))}
      </Stack>
      {writable && (
        <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
          <MuiTextField
            select
            size="small"
            sx={{ minWidth: 260 }}
            label={translate('claims.leads.pick')}
            value={pick}
            onChange={(e) => setPick(e.target.value)}
          >
            {partners.map((p) => (
              <MenuItem key={`p${p.id}`} value={`p:${p.id}`}>
                {p.name}
              </MenuItem>
            ))}
            {talents.map((v) => (
              <MenuItem key={`v${v.id}`} value={`v:${v.id}`}>
                {translate('claims.leads.talent')} {v.name}（{v.skills.join('、')}）
              </MenuItem>
            ))}
          </MuiTextField>
          <Button variant="outlined" size="small" disabled={!pick} onClick={add}>
            {translate('claims.leads.add')}
          </Button>
        </Stack>
      )}
    </CardContent>
  )
}

export default ActivityLeadsPanel
