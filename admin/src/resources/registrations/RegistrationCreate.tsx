import {
  AutocompleteInput,
  BooleanInput,
  Create,
  FormDataConsumer,
  NumberInput,
  ReferenceInput,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  useGetOne,
  useTranslate,
} from 'react-admin'
import { Typography } from '@mui/material'
import { formatDateTime } from '../../lib/format'
import type { Activity, Question, Session } from '../activities/types'

// Staff entry on a resident's behalf (a phone call, a walk-in): the same rules as the public
// form (capacity, waitlist, one per phone), plus the activity's extra questions.

const sessionText = (s: Session | undefined) =>
  s ? `${s.activityTitle} · ${s.label || `#${s.id}`} · ${formatDateTime(s.startsAt)}` : ''

const QuestionInput = ({ q }: { q: Question }) => {
  const source = `answers.${q.key}`
  const validate = q.required ? required() : undefined
  const choices = (q.options ?? []).map((o) => ({ id: o, name: o }))
  switch (q.type) {
    case 'single':
      return <SelectInput source={source} label={q.label} choices={choices} validate={validate} />
    case 'multiple':
      return (
        <SelectArrayInput source={source} label={q.label} choices={choices} validate={validate} />
      )
    case 'number':
      return <NumberInput source={source} label={q.label} validate={validate} />
    case 'consent':
      return <BooleanInput source={source} label={q.label} />
    default:
      return (
        <TextInput
          source={source}
          label={q.label}
          validate={validate}
          multiline={q.type === 'longtext'}
          fullWidth
        />
      )
  }
}

const Questions = ({ sessionId }: { sessionId: number }) => {
  const translate = useTranslate()
  const { data: session } = useGetOne<Session>('activity-sessions', { id: sessionId })
  const { data: activity } = useGetOne<Activity>(
    'activities',
    { id: session?.activityId },
    { enabled: !!session },
  )
  if (!activity) return null
  if (!activity.questions.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('registrations.noQuestions')}
      </Typography>
    )
  return (
    <>
      {activity.questions.map((q) => (
        <QuestionInput key={q.key} q={q} />
      ))}
    </>
  )
}

const RegistrationCreate = () => (
  <Create
    redirect={(_r, _id, data) =>
      `registrations?filter=${encodeURIComponent(JSON.stringify({ sessionId: data?.sessionId }))}`
    }
  >
    <SimpleForm defaultValues={{ partySize: 1, answers: {} }}>
      <ReferenceInput
        source="sessionId"
        reference="activity-sessions"
        sort={{ field: 'startsAt', order: 'DESC' }}
      >
        <AutocompleteInput optionText={sessionText} validate={required()} sx={{ minWidth: 360 }} />
      </ReferenceInput>
      <TextInput source="name" validate={required()} />
      <TextInput source="phone" validate={required()} />
      <NumberInput source="partySize" min={1} validate={required()} />
      <FormDataConsumer<{ sessionId?: number }>>
        {({ formData }) =>
          formData.sessionId ? <Questions sessionId={formData.sessionId} /> : null
        }
      </FormDataConsumer>
    </SimpleForm>
  </Create>
)

export default RegistrationCreate
