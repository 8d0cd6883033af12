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
import {
  AUDIT_ACTION_LABEL,
  AUDIT_ACTIONS,
  AUDIT_RESOURCE_LABEL,
  AUDIT_RESOURCES,
  type Label,
} from '@domain/vocabulary'
import { dayFilter } from '../../lib/dateInput'
import { formatDateTime } from '../../lib/format'
import AuditDiff, { type AuditEntry } from './AuditDiff'

/** Resource names from the vocabulary (AUDIT_RESOURCE_LABEL), the API name for an unknown one. */
export const useResourceLabel = () => {
  const [locale] = useLocaleState()
  return (name: string) =>
    (AUDIT_RESOURCE_LABEL as Record<string, Label>)[name]?.[locale === 'en' ? 'en' : 'zh'] ?? name
}
/** An action's name from the vocabulary (AUDIT_ACTION_LABEL), the raw kind for an unknown one. */
export const useActionLabel = () => {
  const [locale] = useLocaleState()
  return (action: string) =>
    (AUDIT_ACTION_LABEL as Record<string, Label>)[action]?.[locale === 'en' ? 'en' : 'zh'] ?? action
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
      choices={AUDIT_RESOURCES.map((id) => ({ id, name: resourceLabel(id) }))}
      translateChoice={false}
      alwaysOn
    />,
    <SelectInput
      key="action"
      source="action"
      choices={AUDIT_ACTIONS.map((id) => ({ id, name: actionLabel(id) }))}
      translateChoice={false}
      alwaysOn
    />,
    <ReferenceInput key="userId" source="userId" reference="users" alwaysOn>
      <AutocompleteInput optionText="displayName" filterToQuery={(q) => ({ q })} />
    </ReferenceInput>,
    <DateInput key="from" source="from" {...dayFilter('start')} alwaysOn />,
    <DateInput key="to" source="to" {...dayFilter('until')} alwaysOn />,
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
