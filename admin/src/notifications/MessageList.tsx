import {
  DataTable,
  DateField,
  List,
  NumberField,
  SelectArrayInput,
  TextField,
  useTranslate,
} from 'react-admin'
import { MESSAGE_STATUSES, MESSAGE_TEMPLATES } from '@domain/vocabulary'
import ProviderBanner from './ProviderBanner'
import { MediumText, RetryButton, StatusChip, TemplateText } from './MessageFields'

/**
 * Every message in scope with its status; the status filter makes it the failed-messages view
 * (`#/messages?filter={"status":["failed"]}`), with "send again" on failed and skipped rows.
 */
const MessageList = () => {
  const translate = useTranslate()
  const filters = [
    <SelectArrayInput
      key="status"
      source="status"
      alwaysOn
      choices={MESSAGE_STATUSES.map((id) => ({
        id,
        name: translate(`notifications.status.${id}`),
      }))}
    />,
    <SelectArrayInput
      key="templateKey"
      source="templateKey"
      choices={MESSAGE_TEMPLATES.map((id) => ({
        id,
        name: translate(`notifications.template.${id}`),
      }))}
    />,
  ]
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }} aside={undefined}>
      <ProviderBanner />
      <DataTable rowClick={false} bulkActionButtons={false} size="small">
        <DataTable.Col source="id" />
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="templateKey">
          <TemplateText />
        </DataTable.Col>
        <DataTable.Col source="medium">
          <MediumText />
        </DataTable.Col>
        <DataTable.Col source="recipient" disableSort />
        <DataTable.Col source="status">
          <StatusChip />
        </DataTable.Col>
        <DataTable.Col source="reason" disableSort>
          <TextField source="reason" emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="attempts" disableSort>
          <NumberField source="attempts" />
        </DataTable.Col>
        <DataTable.Col source="sentAt">
          <DateField source="sentAt" showTime emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="subjectType" disableSort>
          <TextField source="subjectType" />
        </DataTable.Col>
        <DataTable.Col source="subjectId" disableSort>
          <TextField source="subjectId" />
        </DataTable.Col>
        <DataTable.Col>
          <RetryButton />
        </DataTable.Col>
      </DataTable>
    </List>
  )
}

export default MessageList
