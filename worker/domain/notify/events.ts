// Which changes residents are told about: a topic reaching one of these statuses tells its filer
// and supporters (with the public note: the reply, the reason, the meeting's decision); a done
// topic links to its evaluation. Moves not named here (in progress, merged) send nothing.
import type { MessageTemplate, TopicStatus } from '../vocabulary'

export const TOPIC_MESSAGE: Partial<
  Record<TopicStatus, { template: MessageTemplate; link: 'track' | 'evaluate' }>
> = {
  accepted: { template: 'topic_accepted', link: 'track' },
  declined: { template: 'topic_declined', link: 'track' },
  referred: { template: 'topic_referred', link: 'track' },
  adopted: { template: 'topic_adopted', link: 'track' },
  done: { template: 'topic_done', link: 'evaluate' },
}
