import { Chip, Tab, Tabs } from '@mui/material'
import { useCreatePath, useNavigate, useTranslate } from 'react-admin'
import {
  MEETING_DECISION_LOOK,
  MEETING_STATUS_LOOK,
  type MeetingDecision,
  type MeetingStatus,
} from '@domain/vocabulary'

/** A meeting's status as a coloured chip. */
export const MeetingStatusChip = ({ status }: { status: MeetingStatus }) => {
  const translate = useTranslate()
  return (
    <Chip
      size="small"
      color={MEETING_STATUS_LOOK[status].chip}
      label={translate(`meetings.status.${status}`)}
    />
  )
}

/** A decision (立项 …) as a coloured chip. */
export const DecisionChip = ({ decision }: { decision: MeetingDecision }) => {
  const translate = useTranslate()
  return (
    <Chip
      size="small"
      color={MEETING_DECISION_LOOK[decision].chip}
      label={translate(`meetings.decision.${decision}`)}
    />
  )
}

/** 列表 | 日历 above the meetings screens. */
export const MeetingViewTabs = ({ current }: { current: 'list' | 'calendar' }) => {
  const translate = useTranslate()
  const navigate = useNavigate()
  const createPath = useCreatePath()
  const list = createPath({ resource: 'meetings', type: 'list' })
  return (
    <Tabs
      value={current}
      onChange={(_, v) => navigate(v === 'list' ? list : `${list}/calendar`)}
      sx={{ mb: 1 }}
    >
      <Tab value="list" label={translate('meetings.views.list')} />
      <Tab
        value="calendar"
        label={translate('meetings.views.calendar')}
        data-testid="meetings-calendar-tab"
      />
    </Tabs>
  )
}
