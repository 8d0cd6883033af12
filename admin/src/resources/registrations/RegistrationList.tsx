import { Stack, Typography } from '@mui/material'
import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  List,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  TopToolbar,
  useListContext,
  useLocaleState,
  useTranslate,
} from 'react-admin'
import { canSeePersonalData } from '@domain/masking'
import { formatDateTime } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import RevealPhone from '../../privacy/RevealPhone'
import ExportButton from '../../privacy/ExportButton'
import { RowActions, StatusChip } from './RegistrationBits'
import { REGISTRATION_STATUSES } from '@domain/vocabulary'
import type { Registration } from './types'

// The registration grid: per session (filter sessionId) with check-in, cancel, confirm-now and
// hours on each row, and the current filter exported as CSV or Excel.

type SessionOption = { id: number; activityTitle: string; label: string; startsAt: number }
const sessionText = (s: SessionOption | undefined) =>
  s ? `${s.activityTitle} · ${s.label || `#${s.id}`} · ${formatDateTime(s.startsAt)}` : ''

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput
    key="sessionId"
    source="sessionId"
    reference="activity-sessions"
    sort={{ field: 'startsAt', order: 'DESC' }}
    alwaysOn
  >
    <AutocompleteInput optionText={sessionText} sx={{ minWidth: 320 }} />
  </ReferenceInput>,
  <ReferenceInput key="activityId" source="activityId" reference="activities">
    <AutocompleteInput optionText="title" filterToQuery={(q) => ({ q })} />
  </ReferenceInput>,
  <SelectArrayInput
    key="status"
    source="status"
    choices={REGISTRATION_STATUSES.map((id) => ({ id, name: `registrations.status.${id}` }))}
    alwaysOn
  />,
]

const ExportButtons = () => {
  const { filterValues, sort } = useListContext()
  const translate = useTranslate()
  const href = (format: 'csv' | 'xlsx') =>
    `/api/registrations/export?${new URLSearchParams({
      format,
      filter: JSON.stringify(filterValues),
      sort: JSON.stringify([sort.field, sort.order]),
    })}`
  return (
    <>
      <ExportButton format="csv" href={href('csv')} label={translate('registrations.exportCsv')} />
      <ExportButton
        format="xlsx"
        href={href('xlsx')}
        label={translate('registrations.exportXlsx')}
      />
    </>
  )
}

const Actions = () => {
  const { writable } = useMe()
  const translate = useTranslate()
  return (
    <TopToolbar>
      {writable && <CreateButton label={translate('registrations.staffEntry')} />}
      <ExportButtons />
    </TopToolbar>
  )
}

const Col = DataTable.Col<Registration>
const NumberCol = DataTable.NumberCol<Registration>

const RegistrationList = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const { writable, role } = useMe()
  // A masked field cannot be sorted on (the API answers 400): viewers get no sort on names.
  const personal = !!role && canSeePersonalData(role)
  return (
    <List
      filters={filters}
      sort={{ field: 'seq', order: 'ASC' }}
      perPage={50}
      actions={<Actions />}
    >
      <DataTable<Registration>
        rowClick={false}
        bulkActionButtons={false}
        size="small"
        rowSx={(r) => (r.status === 'cancelled' ? { opacity: 0.55 } : {})}
      >
        <NumberCol source="seq" />
        <Col source="name" disableSort={!personal} />
        <Col
          source="phone"
          disableSort
          render={(r) => <RevealPhone resource="registrations" id={r.id} phone={r.phone} />}
        />
        <NumberCol source="partySize" />
        <Col source="status" render={(r) => <StatusChip r={r} />} />
        <Col
          source="sessionId"
          render={(r) => (
            <Stack>
              <Typography variant="body2">{r.activityTitle}</Typography>
              <Typography variant="caption" color="text.secondary">
                {r.sessionLabel} {formatDateTime(r.sessionStartsAt, locale)}
              </Typography>
            </Stack>
          )}
        />
        <Col source="createdAt" render={(r) => formatDateTime(r.createdAt, locale)} />
        <Col source="checkedInAt" render={(r) => formatDateTime(r.checkedInAt, locale)} />
        <Col
          source="creditedHours"
          disableSort
          render={(r) =>
            r.creditedHours === null
              ? ''
              : translate('registrations.hoursValue', { h: r.creditedHours })
          }
        />
        <Col source="answers" disableSort render={(r) => Object.values(r.answerText).join('；')} />
        {writable && <Col label="" disableSort render={(r) => <RowActions r={r} />} />}
      </DataTable>
    </List>
  )
}

export default RegistrationList
