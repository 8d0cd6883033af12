import {
  AutocompleteInput,
  Create,
  FormDataConsumer,
  RadioButtonGroupInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useGetList,
  useTranslate,
} from 'react-admin'
import { useMe } from '../../lib/useMe'
import type { Offer } from '../partners/types'
import type { HelpWanted } from './types'

// 举手认领: a partner login raises its own organisation's hand; staff record one for a partner
// or a 达人. The projects offered are those of the 需求清单; a hand goes to the whole project or
// one of its open tasks. Opened from the needs list with the project (and task) already chosen.

type Values = {
  projectId?: number | ''
  checklistItemId?: number | ''
  who?: 'partner' | 'lead'
  partnerId?: number | null
  volunteerId?: number | null
  personName?: string
  offerId?: number | ''
  message?: string
}

const transform = ({ who, ...data }: Values) => ({
  ...data,
  checklistItemId: data.checklistItemId ? Number(data.checklistItemId) : null,
  offerId: data.offerId ? Number(data.offerId) : null,
  partnerId: who === 'lead' ? null : (data.partnerId ?? null),
  volunteerId: who === 'lead' ? (data.volunteerId ?? null) : null,
})

const TaskInput = ({ projects }: { projects: HelpWanted[] }) => {
  const translate = useTranslate()
  return (
    <FormDataConsumer<Values>>
      {({ formData }) => {
        const project = projects.find((p) => p.id === Number(formData.projectId))
        if (!project) return null
        const choices = [
          ...(project.looking ? [{ id: '', name: translate('claims.wholeProject') }] : []),
          ...project.tasks.map((t) => ({ id: t.id, name: t.title })),
        ]
        return (
          <SelectInput
            source="checklistItemId"
            choices={choices}
            translateChoice={false}
            emptyValue=""
            emptyText={project.looking ? translate('claims.wholeProject') : undefined}
          />
        )
      }}
    </FormDataConsumer>
  )
}

const Claimant = () => {
  const translate = useTranslate()
  return (
    <>
      <RadioButtonGroupInput
        source="who"
        label={translate('claims.who')}
        choices={[
          { id: 'partner', name: 'claims.byPartner' },
          { id: 'lead', name: 'claims.byLead' },
        ]}
      />
      <FormDataConsumer<Values>>
        {({ formData }) =>
          formData.who === 'lead' ? (
            <ReferenceInput
              source="volunteerId"
              reference="volunteers"
              sort={{ field: 'name', order: 'ASC' }}
            >
              <AutocompleteInput optionText="name" validate={required()} />
            </ReferenceInput>
          ) : (
            <ReferenceInput
              source="partnerId"
              reference="partners"
              filter={{ active: true }}
              sort={{ field: 'name', order: 'ASC' }}
            >
              <AutocompleteInput optionText="name" validate={required()} />
            </ReferenceInput>
          )
        }
      </FormDataConsumer>
    </>
  )
}

const OwnOffer = () => {
  const { data: offers = [] } = useGetList<Offer>('partner-offers', {
    filter: { active: true },
    sort: { field: 'id', order: 'ASC' },
    pagination: { page: 1, perPage: 100 },
  })
  if (!offers.length) return null
  return (
    <SelectInput
      source="offerId"
      choices={offers.map((o) => ({ id: o.id, name: o.title }))}
      translateChoice={false}
    />
  )
}

const ClaimCreate = () => {
  const { role } = useMe()
  const partner = role === 'partner'
  const { data: projects = [] } = useGetList<HelpWanted>('help-wanted', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'id', order: 'ASC' },
    filter: {},
  })
  return (
    <Create<Values> redirect="list" transform={transform}>
      <SimpleForm defaultValues={{ who: 'partner', checklistItemId: '' }}>
        <SelectInput
          source="projectId"
          choices={projects.map((p) => ({ id: p.id, name: `${p.neighborhoodName} · ${p.title}` }))}
          translateChoice={false}
          validate={required()}
          fullWidth
        />
        <TaskInput projects={projects} />
        {!partner && <Claimant />}
        <TextInput source="personName" validate={partner ? required() : undefined} />
        {partner && <OwnOffer />}
        <TextInput source="message" multiline fullWidth />
      </SimpleForm>
    </Create>
  )
}

export default ClaimCreate
