// The words of every message, in Chinese and English: short, with who sends it (the town's sender
// name) and a link, and how to stop (SMS: 回T退订; email: the unsubscribe link). A town may set
// its own wording per template (notify_templates); an approved SMS / WeChat template at the
// provider gets the same parameters by name.
import type { Lang, MessageTemplate } from '../vocabulary'
import type { Medium } from './rules'

type Words = { zh: string; en: string; params: readonly string[] }

/** The built-in texts. `{name}` is a parameter; `{sender}` is always the town's sender name. */
export const TEMPLATE_TEXT: Record<MessageTemplate, Words> = {
  topic_accepted: {
    zh: '{sender}：您反映的“{title}”已受理。{note}详情：{link}',
    en: '{sender}: your topic "{title}" was accepted. {note}Details: {link}',
    params: ['title', 'note', 'link'],
  },
  topic_declined: {
    zh: '{sender}：您反映的“{title}”不予采纳。{note}详情：{link}',
    en: '{sender}: your topic "{title}" was declined. {note}Details: {link}',
    params: ['title', 'note', 'link'],
  },
  topic_referred: {
    zh: '{sender}：您反映的“{title}”已转办{referredTo}。{note}详情：{link}',
    en: '{sender}: your topic "{title}" was referred to {referredTo}. {note}Details: {link}',
    params: ['title', 'referredTo', 'note', 'link'],
  },
  topic_adopted: {
    zh: '{sender}：您反映的“{title}”已立项。{note}详情：{link}',
    en: '{sender}: your topic "{title}" became a project. {note}Details: {link}',
    params: ['title', 'note', 'link'],
  },
  topic_done: {
    zh: '{sender}：您反映的“{title}”已完成，欢迎评议：{link}',
    en: '{sender}: your topic "{title}" is done. Please rate it: {link}',
    params: ['title', 'link'],
  },
  topic_decided: {
    zh: '{sender}：议事会讨论了“{title}”。{note}详情：{link}',
    en: '{sender}: a residents’ meeting discussed "{title}". {note}Details: {link}',
    params: ['title', 'note', 'link'],
  },
  waitlist_promoted: {
    zh: '{sender}：有人取消，您已从候补递补“{activity}”（{time}）。{hold}查看或取消：{link}',
    en: '{sender}: a place came free: you are now registered for "{activity}" ({time}). {hold}View or cancel: {link}',
    params: ['activity', 'time', 'hold', 'link'],
  },
  activity_reminder: {
    zh: '{sender}：提醒您明天参加“{activity}”（{time}，{place}）。查看或取消：{link}',
    en: '{sender}: reminder: "{activity}" is tomorrow ({time}, {place}). View or cancel: {link}',
    params: ['activity', 'time', 'place', 'link'],
  },
  form_receipt: {
    zh: '{sender}：已收到您填写的“{form}”，回执号 {receipt}。',
    en: '{sender}: we received your answers to "{form}", receipt {receipt}.',
    params: ['form', 'receipt'],
  },
  staff_digest: {
    zh: '{sender}：新议题 {topics} 个，到期或逾期任务 {tasks} 个，待处理认领 {claims} 个。{link}',
    en: '{sender}: {topics} new topics, {tasks} tasks due or overdue, {claims} claims waiting. {link}',
    params: ['topics', 'tasks', 'claims', 'link'],
  },
}

/** How to stop, per medium (WeChat subscription messages are one-off by design: none). */
const STOP: Record<Medium, Record<Lang, string>> = {
  sms: { zh: '回T退订', en: 'Reply T to stop' },
  email: { zh: '不再接收：{unsubscribe}', en: 'Stop these messages: {unsubscribe}' },
  wechat: { zh: '', en: '' },
}

/**
 * A waitlist promotion's `hold` when others still wait ('next'). Promotion confirms the seat at
 * once and nothing takes it back (there is no confirmation step nor a time limit to state), so
 * the message says that, and that cancelling hands it on.
 */
const HOLD_WORDS: Record<Lang, string> = {
  zh: '名额已为您保留，无需再确认；如不能参加，请取消，名额将递补给下一位候补。',
  en: 'The place is yours, no need to confirm; if you cannot come, please cancel so the next person waiting gets it. ',
}

/** Staff stop their digest on its screen in the admin (they gave no consent to withdraw). */
const STAFF_STOP: Record<Lang, string> = {
  zh: '停收请到后台“我的每日汇总”',
  en: 'To stop: admin, My daily digest',
}

/** At most this many characters of a resident's title or a reply go into a message. */
const PARAM_MAX = 40

/** A parameter as it goes into a message: one line, at most PARAM_MAX characters. */
export const clip = (s: string, max = PARAM_MAX) => {
  const line = s.replace(/\s+/g, ' ').trim()
  const chars = [...line]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line
}

const fill = (text: string, params: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')

export type Rendering = {
  templateKey: MessageTemplate
  lang: Lang
  medium: Medium
  /** Stored parameters; `link` and `unsubscribe` as paths, made absolute with `baseUrl`. */
  params: Record<string, string>
  senderName: string
  baseUrl: string
  /** The town's own wording for this template and language, if it set one. */
  custom?: string | null
  /** The activity session's start, when the message is about one (fills `time`). */
  eventAt?: number | null
}

/** Paths made absolute; the note, when given, ends its sentence. */
const finalParams = (r: Rendering) => {
  const out: Record<string, string> = { ...r.params, sender: r.senderName }
  if (out.hold === 'next') out.hold = HOLD_WORDS[r.lang]
  if (r.eventAt != null && !out.time) out.time = messageTime(r.eventAt, r.lang)
  for (const key of ['title', 'note', 'activity', 'form', 'referredTo'])
    if (out[key]) out[key] = clip(out[key])
  for (const key of ['link', 'unsubscribe'])
    if (out[key]?.startsWith('/')) out[key] = `${r.baseUrl.replace(/\/$/, '')}${out[key]}`
  if (out.note) out.note = /[。.!?！？]$/.test(out.note) ? `${out.note} ` : `${out.note}。 `
  if (out.note && r.lang === 'zh') out.note = out.note.trimEnd()
  return out
}

/**
 * A message's text and the parameters an approved provider template is filled with.
 * @example renderMessage({ templateKey: 'topic_done', lang: 'zh', medium: 'sms', params: { title: '楼道灯', link: '/t/K7Q-4MX/evaluate' }, senderName: '慧华苑居委', baseUrl: 'https://jushou.example' }).text
 * // '慧华苑居委：您反映的“楼道灯”已完成，欢迎评议：https://jushou.example/t/K7Q-4MX/evaluate 回T退订'
 */
export const renderMessage = (r: Rendering) => {
  const params = finalParams(r)
  const body = fill(r.custom || TEMPLATE_TEXT[r.templateKey][r.lang], params).trim()
  const stop =
    r.templateKey === 'staff_digest' ? STAFF_STOP[r.lang] : fill(STOP[r.medium][r.lang], params)
  const text = stop ? `${body}${r.medium === 'email' ? '\n\n' : ' '}${stop}` : body
  const subject =
    r.medium === 'email' ? clip(body.split(/[：:]/).slice(1).join('：') || body) : undefined
  return { text, params, subject }
}

/** Example parameters for a preview in the admin. */
export const SAMPLE_PARAMS: Record<string, string> = {
  title: '12号楼楼道灯不亮',
  note: '物业已安排维修',
  referredTo: '区房管局',
  link: '/t/K7Q-4MX',
  activity: '亲子手工课',
  time: '12月6日 14:00',
  place: '社区会客厅',
  hold: 'next',
  form: '加装电梯意愿调查',
  receipt: 'R4K-9QX',
  topics: '3',
  tasks: '2',
  claims: '1',
  unsubscribe: '/u/example',
}

const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]

/**
 * A session's start as a message says it, Shanghai time.
 * @example messageTime(Date.parse('2026-12-06T06:00:00Z'), 'zh') // '12月6日 14:00'
 */
export const messageTime = (ms: number, lang: Lang) => {
  const d = new Date(ms + 8 * 3_600_000)
  const hhmm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
  return lang === 'zh'
    ? `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hhmm}`
    : `${d.getUTCDate()} ${EN_MONTHS[d.getUTCMonth()]} ${hhmm}`
}
