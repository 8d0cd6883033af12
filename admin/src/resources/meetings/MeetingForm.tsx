import {
  Create,
  Edit,
  FormDataConsumer,
  NumberInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
} from 'react-admin'
import { AGENDA_TOPIC_STATUSES } from '@domain/meetings/decision'
import { MEETING_KINDS, MEETING_STATUSES } from '@domain/vocabulary'
import { EditToolbar, FormRow, NeighborhoodInput, TopicsInput } from '../../common/formInputs'
import { useMe } from '../../lib/useMe'
import { dateTimeInput } from '../../lib/dateInput'

const choices = (values: readonly string[], prefix: string) =>
  values.map((id) => ({ id, name: `${prefix}.${id}` }))

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

const Fields = ({ isCreate }: { isCreate: boolean }) => (
  <>
    <FormRow>
      <NeighborhoodInput isCreate={isCreate} />
      <SelectInput
        source="kind"
        choices={choices(MEETING_KINDS, 'meetings.kind')}
        validate={required()}
        sx={{ minWidth: 160 }}
      />
      <GridInput />
    </FormRow>
    <TextInput source="title" fullWidth helperText={false} />
    <FormRow>
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
    </FormRow>
    {/* The agenda: open topics of the neighborhood waiting for a decision, in order. */}
    <TopicsInput
      statuses={AGENDA_TOPIC_STATUSES}
      sortBy="supportCount"
      label="resources.meetings.fields.topicIds"
      fullWidth
    />
    {!isCreate && (
      <>
        <FormRow>
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
        </FormRow>
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

export const MeetingEdit = () => (
  <Edit mutationMode="pessimistic" transform={toBody} redirect="show">
    <SimpleForm toolbar={<EditToolbar />}>
      <Fields isCreate={false} />
    </SimpleForm>
  </Edit>
)

export const MeetingCreate = () => {
  const { onlyNeighborhood } = useMe()
  return (
    <Create transform={toBody} redirect="show">
      <SimpleForm
        defaultValues={{ neighborhoodId: onlyNeighborhood, kind: 'council', topicIds: [] }}
      >
        <Fields isCreate />
      </SimpleForm>
    </Create>
  )
}
