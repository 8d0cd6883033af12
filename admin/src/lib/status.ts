import {
  CHIP_HEX,
  type Look,
  PROJECT_STATUS_LOOK,
  PROJECT_STATUSES,
  type ProjectStatus,
  TOPIC_STATUS_LOOK,
  TOPIC_STATUSES,
  type TopicStatus,
} from '@domain/vocabulary'

// Helpers over the server's vocabulary (worker/domain/vocabulary.ts): the statuses, their colours
// and their labels (i18n/app.ts builds `app.topicStatus.*` / `app.projectStatus.*` from it).

const fallback: Look = { chip: 'default', hex: CHIP_HEX.default }

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
  (kind === 'topic'
    ? TOPIC_STATUS_LOOK[status as TopicStatus]
    : PROJECT_STATUS_LOOK[status as ProjectStatus]) ?? fallback

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
