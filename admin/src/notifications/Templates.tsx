import { useState } from 'react'
import { Alert, Box, MenuItem, TextField as MuiTextField, Typography } from '@mui/material'
import {
  Button,
  DataTable,
  Edit,
  List,
  ReferenceField,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { CONSENT_MEDIA } from '@domain/vocabulary'
import { MediumText, TemplateText } from './MessageFields'

// Message templates per town and medium: the built-in words, the town's own wording, and for SMS
// and WeChat the id of the template the provider approved; a preview shows the message as a
// resident receives it (example parameters, the sender name, how to stop).

type Template = {
  id: string
  townId: number
  templateKey: string
  medium: string
  defaultZh: string
  defaultEn: string
  params: string[]
  providerTemplateId: string | null
  textZh: string | null
  textEn: string | null
}

export const TemplateList = () => {
  const translate = useTranslate()
  const filters = [
    <SelectInput
      key="medium"
      source="medium"
      alwaysOn
      choices={CONSENT_MEDIA.map((id) => ({ id, name: translate(`notifications.medium.${id}`) }))}
    />,
  ]
  return (
    <List
      filters={filters}
      filterDefaultValues={{ medium: 'sms' }}
      pagination={false}
      exporter={false}
    >
      <DataTable rowClick="edit" bulkActionButtons={false} size="small">
        <DataTable.Col source="townId" disableSort>
          <ReferenceField source="townId" reference="towns" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="templateKey" disableSort>
          <TemplateText />
        </DataTable.Col>
        <DataTable.Col source="medium" disableSort>
          <MediumText />
        </DataTable.Col>
        <DataTable.Col source="providerTemplateId" disableSort>
          <TextField source="providerTemplateId" emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="defaultZh" disableSort />
      </DataTable>
    </List>
  )
}

const Preview = () => {
  const record = useRecordContext<Template>()
  const translate = useTranslate()
  const [lang, setLang] = useState<'zh' | 'en'>('zh')
  const [text, setText] = useState<string | null>(null)
  if (!record) return null
  const run = async () => {
    // The saved wording (save first to preview a change).
    const own = lang === 'zh' ? record.textZh : record.textEn
    const res = await fetch('/api/notification-templates/preview', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateKey: record.templateKey,
        medium: record.medium,
        lang,
        text: own || null,
      }),
    })
    const body = await res.json().catch(() => ({}))
    setText(res.ok ? body.text : (body.message ?? String(res.status)))
  }
  return (
    <Box sx={{ my: 2, maxWidth: 640 }}>
      <Typography variant="subtitle2">
        {translate('resources.notification-templates.fields.params')}:{' '}
        {record.params.map((p) => `{${p}}`).join(' ')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ my: 1 }}>
        {translate('resources.notification-templates.fields.defaultZh')}: {record.defaultZh}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <MuiTextField
          select
          size="small"
          label={translate('notifications.previewLang')}
          value={lang}
          onChange={(e) => setLang(e.target.value as 'zh' | 'en')}
        >
          <MenuItem value="zh">中文</MenuItem>
          <MenuItem value="en">English</MenuItem>
        </MuiTextField>
        <Button label={translate('notifications.preview')} onClick={run} />
      </Box>
      {text !== null && (
        <Alert
          severity="info"
          sx={{ mt: 1, whiteSpace: 'pre-wrap' }}
          data-testid="template-preview"
        >
          {text}
        </Alert>
      )}
    </Box>
  )
}

const toInput = (t: Template) => ({
  providerTemplateId: t.providerTemplateId || null,
  textZh: t.textZh || null,
  textEn: t.textEn || null,
})

export const TemplateEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={toInput}>
    <SimpleForm>
      <TextInput source="providerTemplateId" fullWidth />
      <TextInput source="textZh" multiline fullWidth />
      <TextInput source="textEn" multiline fullWidth />
      <Preview />
    </SimpleForm>
  </Edit>
)
