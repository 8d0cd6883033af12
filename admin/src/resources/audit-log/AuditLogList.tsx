import { Chip } from '@mui/material'
import {
  AutocompleteInput,
  DataTable,
  DateInput,
  List,
  ReferenceInput,
  SelectInput,
  TextInput,
  useLocaleState,
  useTranslate,
} from 'react-admin'
import { formatDateTime, shanghaiDay, shanghaiDayStart } from '../../lib/format'
import AuditDiff, { type AuditEntry } from './AuditDiff'

const RESOURCES = [
  'topics',
  'projects',
  'checklist-items',
  'project-updates',
  'users',
  'towns',
  'neighborhoods',
  'grids',
  'categories',
  'channels',
  'saved-views',
  'activities',
  'activity-sessions',
  'registrations',
  'volunteers',
  'forms',
  'form-responses',
]
const ACTIONS = [
  'create',
  'update',
  'delete',
  'disable',
  'transition',
  'merge',
  'adopt',
  'project_status',
  'change_password',
  'cancel',
  'promote',
  'check-in',
  'no-show',
  'hours',
]

// Filter days are Shanghai days; `to` is exclusive on the server, so it is the next midnight.
const dayFilter = (end: boolean) => ({
  format: (v: unknown) => (typeof v === 'number' ? shanghaiDay(end ? v - 1 : v) : ''),
  parse: (v: string) => (v ? shanghaiDayStart(v) + (end ? 86_400_000 : 0) : undefined),
})

/** Resource names in the reader's language, falling back to the API name for unknown ones. */
export const useResourceLabel = () => {
  const translate = useTranslate()
  return (name: string) => translate(`resources.${name}.name`, { smart_count: 2, _: name })
}
export const useActionLabel = () => {
  const translate = useTranslate()
  return (action: string) => translate(`auditLog.actions.${action}`, { _: action })
}

const Col = DataTable.Col<AuditEntry>

const AuditLogList = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const resourceLabel = useResourceLabel()
  const actionLabel = useActionLabel()
  const filters = [
    <SelectInput
      key="resource"
      source="resource"
      choices={RESOURCES.map((id) => ({ id, name: resourceLabel(id) }))}
      translateChoice={false}
      alwaysOn
    />,
    <SelectInput
      key="action"
      source="action"
      choices={ACTIONS.map((id) => ({ id, name: actionLabel(id) }))}
      translateChoice={false}
      alwaysOn
    />,
    <ReferenceInput key="userId" source="userId" reference="users" alwaysOn>
      <AutocompleteInput optionText="displayName" filterToQuery={(q) => ({ q })} />
    </ReferenceInput>,
    <DateInput key="from" source="from" {...dayFilter(false)} alwaysOn />,
    <DateInput key="to" source="to" {...dayFilter(true)} alwaysOn />,
    <TextInput key="recordId" source="recordId" />,
  ]
  return (
    <List
      filters={filters}
      sort={{ field: 'at', order: 'DESC' }}
      perPage={50}
      actions={false}
      exporter={false}
    >
      <DataTable<AuditEntry>
        rowClick="expand"
        expand={<AuditDiff />}
        bulkActionButtons={false}
        size="small"
      >
        <Col source="at" render={(e) => formatDateTime(e.at, locale)} />
        <Col
          source="userName"
          disableSort
          render={(e) => e.userName ?? translate('auditLog.system')}
        />
        <Col
          source="action"
          render={(e) => <Chip size="small" variant="outlined" label={actionLabel(e.action)} />}
        />
        <Col source="resource" render={(e) => resourceLabel(e.resource)} />
        <Col source="recordId" disableSort />
      </DataTable>
    </List>
  )
}

export default AuditLogList
