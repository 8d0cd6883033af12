import { Box, Card, CardContent, Typography } from '@mui/material'
import {
  BooleanInput,
  Create,
  Edit,
  FormDataConsumer,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { SaveDeleteToolbar } from '../../layout/SaveDeleteToolbar'
import { useMe } from '../../lib/useMe'
import { type Channel, ChannelLinks, kindChoices } from './ChannelBits'

const GridInput = () => (
  <FormDataConsumer<{ neighborhoodId?: number }>>
    {({ formData }) => (
      <ReferenceInput
        source="gridId"
        reference="grids"
        filter={{ neighborhoodId: formData.neighborhoodId }}
        sort={{ field: 'name', order: 'ASC' }}
        perPage={200}
      >
        <SelectInput
          optionText="name"
          emptyText="channels.noGrid"
          disabled={!formData.neighborhoodId}
        />
      </ReferenceInput>
    )}
  </FormDataConsumer>
)

const Fields = ({ isCreate }: { isCreate: boolean }) => (
  <>
    <ReferenceInput
      source="neighborhoodId"
      reference="neighborhoods"
      sort={{ field: 'name', order: 'ASC' }}
    >
      <SelectInput optionText="name" validate={required()} disabled={!isCreate} />
    </ReferenceInput>
    <GridInput />
    <SelectInput source="kind" choices={kindChoices} validate={required()} />
    <TextInput source="label" validate={required()} helperText="channels.labelHelp" fullWidth />
    <BooleanInput source="active" helperText="channels.activeHelp" />
  </>
)

type Input = Pick<Channel, 'neighborhoodId' | 'gridId' | 'kind' | 'label' | 'active'>
const toCreate = ({ neighborhoodId, gridId, kind, label, active }: Input) => ({
  neighborhoodId,
  gridId: gridId ?? null,
  kind,
  label,
  active,
})
const toUpdate = ({ gridId, kind, label, active }: Input) => ({
  gridId: gridId ?? null,
  kind,
  label,
  active,
})

/** The QR image and the links, beside the edit form. */
const QrAside = () => {
  const channel = useRecordContext<Channel>()
  const translate = useTranslate()
  if (!channel) return null
  return (
    <Card variant="outlined" sx={{ ml: 2, width: 260, alignSelf: 'flex-start' }}>
      <CardContent>
        <Typography variant="subtitle2" gutterBottom>
          {translate('channels.preview')}
        </Typography>
        <Box
          component="img"
          src={channel.qrUrl}
          alt={`${translate('channels.qr')} ${channel.code}`}
          sx={{ width: '100%', display: 'block' }}
        />
        <Typography variant="body2" sx={{ fontFamily: 'monospace', textAlign: 'center', my: 1 }}>
          {channel.code}
        </Typography>
        <ChannelLinks channel={channel} />
      </CardContent>
    </Card>
  )
}

export const ChannelCreate = () => {
  const { onlyNeighborhood } = useMe()
  return (
    <Create redirect="edit" transform={toCreate}>
      <SimpleForm
        defaultValues={{ neighborhoodId: onlyNeighborhood, gridId: null, kind: 'qr', active: true }}
      >
        <Fields isCreate />
      </SimpleForm>
    </Create>
  )
}

export const ChannelEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={toUpdate} aside={<QrAside />}>
    <SimpleForm toolbar={<SaveDeleteToolbar />}>
      <Fields isCreate={false} />
    </SimpleForm>
  </Edit>
)
