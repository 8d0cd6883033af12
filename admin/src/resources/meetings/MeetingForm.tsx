import { Box } from '@mui/material'
import {
  AutocompleteArrayInput,
  Create,
  Edit,
  FormDataConsumer,
  NumberInput,
  ReferenceArrayInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
} from 'react-admin'
import { AGENDA_TOPIC_STATUSES } from '@domain/meetings/decision'
import { MEETING_KINDS, MEETING_STATUSES } from '@domain/vocabulary'
import { SaveDeleteToolbar } from '../../layout/SaveDeleteToolbar'
import { useMe } from '../../lib/useMe'
import { dateTimeInput } from '../../lib/dateInput'

const choices = (values: readonly string[], prefix: string) =>
  values.map((id) => ({ id, name: `${prefix}.${id}` }))

const row = { display: 'flex', gap: 2, width: '100%', flexWrap: 'wrap' } as const

/** The 楼组 of the chosen neighborhood (needed for a 楼组议事). */
const GridInput = () => (
  <FormDataConsumer>
    {({ formData }) => (
      <ReferenceInput
        source="gridId"
        reference="grids"
        filter={formData.neighborhoodId ? { neighborhoodId: formData.neighborhoodId } : {}}
        sort={{ field: 'name', order: 'ASC' }}
        perPage={200}
      >
        <SelectInput
          optionText="name"
          emptyText="—"
          disabled={!formData.neighborhoodId}
          sx={{ minWidth: 220 }}
          validate={formData.kind === 'grid' ? required() : undefined}
        />
      </ReferenceInput>
    )}
  </FormDataConsumer>
)

/** The agenda: open topics of the meeting's neighborhood waiting for a decision, in order. */
const AgendaInput = () => (
  <FormDataConsumer>
    {({ formData: { neighborhoodId } }) => (
      <ReferenceArrayInput
        source="topicIds"
        reference="topics"
        filter={{ status: AGENDA_TOPIC_STATUSES, ...(neighborhoodId && { neighborhoodId }) }}
        sort={{ field: 'supportCount', order: 'DESC' }}
        perPage={50}
      >
        <AutocompleteArrayInput
          optionText={(t: { id: number; title: string }) => `#${t.id} ${t.title}`}
          filterToQuery={(q) => ({ q })}
          label="resources.meetings.fields.topicIds"
          disabled={!neighborhoodId}
          fullWidth
        />
      </ReferenceArrayInput>
    )}
  </FormDataConsumer>
)

const Fields = ({ isCreate }: { isCreate: boolean }) => (
  <>
    <Box sx={row}>
      <ReferenceInput
        source="neighborhoodId"
        reference="neighborhoods"
        sort={{ field: 'name', order: 'ASC' }}
      >
        <SelectInput
          optionText="name"
          validate={required()}
          disabled={!isCreate}
          sx={{ minWidth: 200 }}
        />
      </ReferenceInput>
      <SelectInput
        source="kind"
        choices={choices(MEETING_KINDS, 'meetings.kind')}
        validate={required()}
        sx={{ minWidth: 160 }}
      />
      <GridInput />
    </Box>
    <TextInput source="title" fullWidth helperText={false} />
    <Box sx={row}>
      <TextInput
        source="startsAt"
        type="datetime-local"
        {...dateTimeInput}
        validate={required()}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextInput
        source="endsAt"
        type="datetime-local"
        {...dateTimeInput}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextInput source="place" sx={{ minWidth: 240 }} />
      <TextInput source="host" sx={{ minWidth: 160 }} />
    </Box>
    <AgendaInput />
    {!isCreate && (
      <>
        <Box sx={row}>
          <SelectInput
            source="status"
            choices={choices(MEETING_STATUSES, 'meetings.status')}
            validate={required()}
          />
          <NumberInput
            source="headcount"
            min={0}
            step={1}
            helperText="meetings.attendanceHelp"
            sx={{ minWidth: 200 }}
          />
        </Box>
        <TextInput source="minutes" multiline minRows={3} fullWidth />
      </>
    )}
  </>
)

/** Only what the API takes (the record also carries counts, items and links). */
const toBody = ({
  neighborhoodId,
  kind,
  gridId,
  title,
  startsAt,
  endsAt,
  place,
  host,
  topicIds,
  status,
  headcount,
  minutes,
}: Record<string, unknown>) => ({
  neighborhoodId,
  kind,
  gridId: gridId || null,
  ...(title ? { title } : {}),
  startsAt,
  endsAt: endsAt ?? null,
  place: place ?? '',
  host: host ?? '',
  topicIds: topicIds ?? [],
  ...(status !== undefined && { status }),
  ...(headcount !== undefined && { headcount: headcount === '' ? null : headcount }),
  ...(minutes !== undefined && { minutes }),
})

const EditToolbar = () => <SaveDeleteToolbar canDelete={useMe().writable} />

export const MeetingEdit = () => (
  <Edit mutationMode="pessimistic" transform={toBody} redirect="show">
    <SimpleForm toolbar={<EditToolbar />}>
      <Fields isCreate={false} />
    </SimpleForm>
  </Edit>
)

export const MeetingCreate = () => {
  const { me } = useMe()
  const only = me?.neighborhoodIds?.length === 1 ? me.neighborhoodIds[0] : undefined
  return (
    <Create transform={toBody} redirect="show">
      <SimpleForm defaultValues={{ neighborhoodId: only, kind: 'council', topicIds: [] }}>
        <Fields isCreate />
      </SimpleForm>
    </Create>
  )
}
