import {
  AutocompleteArrayInput,
  BooleanInput,
  Create,
  Edit,
  FormDataConsumer,
  PasswordInput,
  ReferenceArrayInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { useMe } from '../../lib/useMe'
import { roleChoices, type User } from './roles'

const minPassword = (value: string | undefined) =>
  value && value.length < 10 ? 'users.tooShort' : undefined

/** Towns for the town role, neighborhoods for staff and viewers; admins need no scope. */
const ScopeInput = () => (
  <FormDataConsumer<{ role?: string }>>
    {({ formData }) =>
      formData.role === 'town' ? (
        <ReferenceArrayInput
          source="townIds"
          reference="towns"
          sort={{ field: 'name', order: 'ASC' }}
        >
          <AutocompleteArrayInput
            optionText="name"
            helperText="users.townHelp"
            validate={required()}
            sx={{ minWidth: 320 }}
          />
        </ReferenceArrayInput>
      ) : formData.role === 'staff' || formData.role === 'viewer' ? (
        <ReferenceArrayInput
          source="neighborhoodIds"
          reference="neighborhoods"
          sort={{ field: 'name', order: 'ASC' }}
          perPage={200}
        >
          <AutocompleteArrayInput
            optionText="name"
            filterToQuery={(q) => ({ q })}
            helperText="users.neighborhoodHelp"
            validate={required()}
            sx={{ minWidth: 320 }}
          />
        </ReferenceArrayInput>
      ) : null
    }
  </FormDataConsumer>
)

const Fields = () => (
  <>
    <TextInput source="username" validate={required()} autoComplete="off" />
    <TextInput source="displayName" validate={required()} />
    <SelectInput source="role" choices={roleChoices} validate={required()} />
    <ScopeInput />
  </>
)

// The server keeps only the scope the role uses; send exactly that.
const scopeOf = (data: Partial<User>) => ({
  townIds: data.role === 'town' ? (data.townIds ?? []) : [],
  neighborhoodIds:
    data.role === 'staff' || data.role === 'viewer' ? (data.neighborhoodIds ?? []) : [],
})

export const UserCreate = () => (
  <Create
    redirect="list"
    transform={(data: Partial<User> & { password: string }) => ({
      username: data.username,
      displayName: data.displayName,
      role: data.role,
      password: data.password,
      ...scopeOf(data),
    })}
  >
    <SimpleForm defaultValues={{ role: 'staff', neighborhoodIds: [], townIds: [] }}>
      <Fields />
      <PasswordInput
        source="password"
        validate={[required(), minPassword]}
        helperText="users.passwordHelp"
        autoComplete="new-password"
      />
    </SimpleForm>
  </Create>
)

const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
)

/** Disabling yourself is refused by the server too; the switch is simply not offered. */
const DisabledInput = () => {
  const record = useRecordContext<User>()
  const { me } = useMe()
  if (!record || record.id === me?.id) return null
  return <BooleanInput source="disabled" helperText="users.disableHelp" />
}

const EditTitle = () => {
  const record = useRecordContext<User>()
  const translate = useTranslate()
  return <>{`${translate('resources.users.name', { smart_count: 1 })} ${record?.username ?? ''}`}</>
}

export const UserEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="list"
    title={<EditTitle />}
    transform={(data: Partial<User> & { newPassword?: string }) => ({
      username: data.username,
      displayName: data.displayName,
      role: data.role,
      disabled: data.disabled,
      ...scopeOf(data),
      ...(data.newPassword ? { password: data.newPassword } : {}),
    })}
  >
    <SimpleForm toolbar={<EditToolbar />}>
      <Fields />
      <PasswordInput
        source="newPassword"
        label="users.newPassword"
        validate={minPassword}
        helperText="users.newPasswordHelp"
        autoComplete="new-password"
      />
      <DisabledInput />
    </SimpleForm>
  </Edit>
)
