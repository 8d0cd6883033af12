import {
  BooleanInput,
  DataTable,
  Edit,
  List,
  NumberInput,
  SimpleForm,
  TextInput,
  regex,
  required,
} from 'react-admin'
import type { NotifySettings } from '@domain/notify/rules'
import ProviderBanner from './ProviderBanner'

// Per town: which channels send, the sender name, quiet hours (Shanghai time), the daily cap per
// phone, the staff digest. The banner says when no provider is configured (notifications off).

const CLOCK = regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')

type Settings = NotifySettings

const toInput = (s: Settings): Settings => ({
  senderName: s.senderName,
  smsOn: s.smsOn,
  emailOn: s.emailOn,
  wechatOn: s.wechatOn,
  quietFrom: s.quietFrom,
  quietTo: s.quietTo,
  dailyCap: Number(s.dailyCap),
  staffDigest: s.staffDigest,
})

export const SettingsList = () => (
  <List pagination={false} exporter={false}>
    <ProviderBanner />
    <DataTable rowClick="edit" bulkActionButtons={false} size="small">
      <DataTable.Col source="townName" />
      <DataTable.Col source="senderName" />
      <DataTable.Col source="smsOn" />
      <DataTable.Col source="emailOn" />
      <DataTable.Col source="wechatOn" />
      <DataTable.Col source="quietFrom" />
      <DataTable.Col source="quietTo" />
      <DataTable.Col source="dailyCap" />
    </DataTable>
  </List>
)

export const SettingsEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={toInput}>
    <ProviderBanner />
    <SimpleForm>
      <TextInput source="senderName" />
      <BooleanInput source="smsOn" />
      <BooleanInput source="emailOn" />
      <BooleanInput source="wechatOn" />
      <TextInput source="quietFrom" validate={[required(), CLOCK]} />
      <TextInput source="quietTo" validate={[required(), CLOCK]} />
      <NumberInput source="dailyCap" min={1} max={50} validate={required()} />
      <BooleanInput source="staffDigest" />
    </SimpleForm>
  </Edit>
)
