import {
  BooleanInput,
  Create,
  Edit,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
} from 'react-admin'

// Skills and 达人 tags are edited one per line; hours are not edited here but per checked-in
// shift (registrations → 调整时长), so every change is audited against its shift.

const lines = {
  format: (v: unknown) => (Array.isArray(v) ? v.join('\n') : ((v as string) ?? '')),
  parse: (text: string) => text.split('\n'),
}
const clean = (list: unknown) =>
  Array.isArray(list) ? list.map((w) => String(w).trim()).filter(Boolean) : []
const transform = (data: Record<string, unknown>) => ({
  ...data,
  skills: clean(data.skills),
  tags: clean(data.tags),
})

const Fields = ({ create }: { create?: boolean }) => (
  <>
    <TextInput source="name" validate={required()} />
    <TextInput source="phone" validate={required()} disabled={!create} />
    <ReferenceInput
      source="neighborhoodId"
      reference="neighborhoods"
      sort={{ field: 'name', order: 'ASC' }}
    >
      <SelectInput optionText="name" />
    </ReferenceInput>
    <TextInput source="tags" multiline minRows={2} helperText="volunteers.wordsHelp" {...lines} />
    <TextInput source="skills" multiline minRows={2} helperText="volunteers.wordsHelp" {...lines} />
    <TextInput source="note" multiline fullWidth />
  </>
)

export const VolunteerCreate = () => (
  <Create redirect="list" transform={transform}>
    <SimpleForm defaultValues={{ skills: [], tags: [] }}>
      <Fields create />
    </SimpleForm>
  </Create>
)

export const VolunteerEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={transform}>
    <SimpleForm>
      <Fields />
      <TextInput source="code" disabled helperText="volunteers.codeHelp" />
      <BooleanInput source="resetCode" />
    </SimpleForm>
  </Edit>
)
