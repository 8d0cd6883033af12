import { useState } from 'react'
import {
  Box,
  Card,
  CardContent,
  MenuItem,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material'
import {
  DataTable,
  EditButton,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { formatDate, formatDateTime } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import { AvailabilityChip, FormLinks } from './FormBits'
import FormStatsView from './FormStats'
import ExportButton from '../../privacy/ExportButton'
import RevealPhone from '../../privacy/RevealPhone'
import { phoneKeyOf, type Field } from '@domain/forms/definition'
import { isChoice, type FormField, type FormRecord, type ResponseRecord } from './types'

const Actions = () => {
  const { writable } = useMe()
  return <TopToolbar>{writable && <EditButton />}</TopToolbar>
}

const Overview = () => {
  const form = useRecordContext<FormRecord>()
  const translate = useTranslate()
  const [locale] = useLocaleState()
  if (!form) return null
  const f = (name: string) => translate(`resources.forms.fields.${name}`)
  const item = (label: string, value: React.ReactNode) => (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Box sx={{ typography: 'body2' }}>{value ?? '—'}</Box>
    </Box>
  )
  return (
    <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <Box sx={{ flex: '1 1 420px' }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h5" component="h1">
            {form.title}
          </Typography>
          <AvailabilityChip availability={form.availability} />
        </Stack>
        {form.description && (
          <Typography variant="body2" sx={{ whiteSpace: 'pre-line', mb: 2 }}>
            {form.description}
          </Typography>
        )}
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
            gap: 2,
          }}
        >
          {item(
            f('neighborhoodId'),
            <ReferenceField
              source="neighborhoodId"
              reference="neighborhoods"
              link={false}
              emptyText={translate('forms.town')}
            >
              <TextField source="name" />
            </ReferenceField>,
          )}
          {item(f('status'), translate(`forms.status.${form.status}`))}
          {item(
            f('responseCount'),
            form.maxResponses ? `${form.responseCount} / ${form.maxResponses}` : form.responseCount,
          )}
          {item(f('opensAt'), formatDateTime(form.opensAt, locale) || null)}
          {item(f('closesAt'), formatDateTime(form.closesAt, locale) || null)}
          {item(
            f('onePerPhone'),
            translate(form.onePerPhone ? 'ra.boolean.true' : 'ra.boolean.false'),
          )}
          {item(f('slug'), <code>{form.publicUrl}</code>)}
          {item(f('version'), form.version)}
        </Box>
        {!!form.versions?.length && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="subtitle2">{translate('forms.versions')}</Typography>
            {form.versions.map((v) => (
              <Typography key={v.version} variant="body2">
                {translate('forms.versionLine', {
                  version: v.version,
                  count: v.responseCount,
                  date: formatDate(v.createdAt, locale),
                })}
              </Typography>
            ))}
          </Box>
        )}
      </Box>
      <Card variant="outlined" sx={{ width: 240 }}>
        <CardContent>
          <Typography variant="subtitle2" gutterBottom>
            {translate('forms.links')}
          </Typography>
          <Box
            component="img"
            src={form.qrUrl}
            alt={`${translate('forms.qr')} ${form.title}`}
            sx={{ width: '100%', display: 'block' }}
          />
          {form.status === 'draft' && (
            <Typography variant="caption" color="text.secondary">
              {translate('forms.preview')}
            </Typography>
          )}
          <FormLinks form={form} />
        </CardContent>
      </Card>
    </Box>
  )
}

/** The question whose answer is the response's phone (the server's rule: db form_responses.phone). */
const phoneKeyIn = (fields: FormField[], r: ResponseRecord) =>
  phoneKeyOf(fields as Field[]) ?? fields.find((f) => f.type === 'phone' && r.answers?.[f.key])?.key

/**
 * An answer in a grid cell: the server's display text (phones masked for every role), cut to one
 * line; the response's phone with the button that reveals it (logged).
 */
const Answer = ({ r, k, fields }: { r: ResponseRecord; k: string; fields: FormField[] }) => {
  const text = r.display?.[k] ?? ''
  if (text && phoneKeyIn(fields, r) === k)
    return <RevealPhone resource="form-responses" id={r.id} phone={text} />
  return (
    <Box
      title={text}
      sx={{ maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
    >
      {text}
    </Box>
  )
}

// One column per question: the table scrolls sideways rather than squeezing the answers.
const gridSx = {
  overflowX: 'auto',
  '& th': { whiteSpace: 'nowrap', maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis' },
  '& td': { whiteSpace: 'nowrap' },
}

const Responses = () => {
  const form = useRecordContext<FormRecord>()
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const [question, setQuestion] = useState('')
  const [value, setValue] = useState('')
  if (!form) return null
  const fields = form.allFields ?? form.fields
  const choice = fields.filter(isChoice)
  const picked = choice.find((f) => f.key === question)
  const filter = picked && value ? { answers: { [picked.key]: value } } : {}
  const exportHref = (format: 'csv' | 'xlsx') =>
    `/api/forms/${form.id}/export?${new URLSearchParams({ format, filter: JSON.stringify(filter) })}`
  const Col = DataTable.Col<ResponseRecord>
  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ mb: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <MuiTextField
          select
          size="small"
          label={translate('forms.filterQuestion')}
          value={question}
          onChange={(e) => {
            setQuestion(e.target.value)
            setValue('')
          }}
          sx={{ minWidth: 220 }}
        >
          <MenuItem value="">{translate('forms.anyQuestion')}</MenuItem>
          {choice.map((f) => (
            <MenuItem key={f.key} value={f.key}>
              {f.label}
            </MenuItem>
          ))}
        </MuiTextField>
        {picked && (
          <MuiTextField
            select
            size="small"
            label={translate('forms.filterValue')}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            sx={{ minWidth: 160 }}
          >
            {(picked.options ?? []).map((o) => (
              <MenuItem key={o} value={o}>
                {o}
              </MenuItem>
            ))}
          </MuiTextField>
        )}
        <Box sx={{ flex: 1 }} />
        {(['csv', 'xlsx'] as const).map((format) => (
          <ExportButton
            key={format}
            format={format}
            href={exportHref(format)}
            label={translate(format === 'csv' ? 'forms.exportCsv' : 'forms.exportXlsx')}
          />
        ))}
      </Stack>
      <ReferenceManyField
        reference="form-responses"
        target="formId"
        filter={filter}
        sort={{ field: 'id', order: 'DESC' }}
        perPage={25}
        pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
      >
        <DataTable<ResponseRecord>
          bulkActionButtons={false}
          size="small"
          rowClick={false}
          sx={gridSx}
          empty={<Typography sx={{ p: 2 }}>{translate('forms.noResponses')}</Typography>}
        >
          <DataTable.NumberCol<ResponseRecord> source="id" />
          <Col
            source="createdAt"
            label={translate('forms.submittedAt')}
            render={(r) => formatDateTime(r.createdAt, locale)}
          />
          <Col
            source="receipt"
            label={translate('forms.receipt')}
            disableSort
            render={(r) => <code>{r.receipt}</code>}
          />
          <DataTable.NumberCol<ResponseRecord>
            source="version"
            label={translate('resources.forms.fields.version')}
          />
          {fields.map((f: FormField) => (
            <Col
              key={f.key}
              label={f.label}
              disableSort
              render={(r) => <Answer r={r} k={f.key} fields={fields} />}
            />
          ))}
        </DataTable>
      </ReferenceManyField>
    </Box>
  )
}

const FormTitle = () => {
  const form = useRecordContext<FormRecord>()
  return <>{form?.title ?? ''}</>
}

const FormShow = () => {
  const translate = useTranslate()
  return (
    <Show actions={<Actions />} title={<FormTitle />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label={translate('forms.tabs.overview')}>
          <Overview />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('forms.tabs.responses')} path="responses">
          <Responses />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('forms.tabs.stats')} path="stats">
          <FormStatsView />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  )
}

export default FormShow
