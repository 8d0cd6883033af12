/** The topic states of the server's state machine, in lifecycle order. */
export const TOPIC_STATUSES = [
  'submitted',
  'accepted',
  'adopted',
  'in_progress',
  'done',
  'merged',
  'declined',
  'referred',
] as const
export type TopicStatus = (typeof TOPIC_STATUSES)[number]

/** Topics not yet final: the only ones the server lets take a merge. */
export const OPEN_TOPIC_STATUSES: readonly TopicStatus[] = [
  'submitted',
  'accepted',
  'adopted',
  'in_progress',
]

/** Project states, in board order (the kanban's columns). */
export const PROJECT_STATUSES = ['planned', 'in_progress', 'blocked', 'done', 'cancelled'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]

export type ChipColor =
  | 'default'
  | 'primary'
  | 'secondary'
  | 'error'
  | 'info'
  | 'success'
  | 'warning'
type Look = { chip: ChipColor; hex: string }

const topicLooks: Record<TopicStatus, Look> = {
  submitted: { chip: 'warning', hex: '#ed6c02' },
  accepted: { chip: 'info', hex: '#0288d1' },
  adopted: { chip: 'primary', hex: '#1976d2' },
  in_progress: { chip: 'secondary', hex: '#9c27b0' },
  done: { chip: 'success', hex: '#2e7d32' },
  merged: { chip: 'default', hex: '#757575' },
  declined: { chip: 'error', hex: '#d32f2f' },
  referred: { chip: 'default', hex: '#5d4037' },
}

const projectLooks: Record<ProjectStatus, Look> = {
  planned: { chip: 'info', hex: '#0288d1' },
  in_progress: { chip: 'primary', hex: '#1976d2' },
  blocked: { chip: 'error', hex: '#d32f2f' },
  done: { chip: 'success', hex: '#2e7d32' },
  cancelled: { chip: 'default', hex: '#757575' },
}

const fallback: Look = { chip: 'default', hex: '#757575' }

/**
 * The i18n key of a status label (`app.topicStatus.*` / `app.projectStatus.*`, zh and en).
 * @example translate(statusLabelKey('topic', 'submitted')) // '待受理'
 */
export const statusLabelKey = (kind: 'topic' | 'project', status: string) =>
  `app.${kind}Status.${status}`

/**
 * MUI chip colour and a hex colour (for charts and kanban columns) of a status.
 * @example <Chip color={statusColor('project', 'blocked').chip} />
 */
export const statusColor = (kind: 'topic' | 'project', status: string): Look =>
  (kind === 'topic' ? topicLooks[status as TopicStatus] : projectLooks[status as ProjectStatus]) ??
  fallback

/**
 * `{ id, name }` choices for a SelectInput / SelectArrayInput of statuses, names as i18n keys
 * (react-admin translates choice names by default).
 * @example <SelectArrayInput source="status" choices={statusChoices('topic')} />
 */
export const statusChoices = (kind: 'topic' | 'project') =>
  (kind === 'topic' ? TOPIC_STATUSES : PROJECT_STATUSES).map((id) => ({
    id,
    name: statusLabelKey(kind, id),
  }))
