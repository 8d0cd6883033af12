import {
  CHANNEL_KIND_LABEL,
  type Lang,
  namesIn,
  PROJECT_STATUS_LABEL,
  ROLE_LABEL,
  TOPIC_STATUS_LABEL,
} from '@domain/vocabulary'

/**
 * The shared words of worker/domain/vocabulary.ts in one language: `app.role.*`,
 * `app.topicStatus.*`, `app.projectStatus.*`, `app.channelKind.*` (never typed out here).
 */
const vocabularyIn = (lang: Lang) => ({
  role: namesIn(ROLE_LABEL, lang),
  topicStatus: namesIn(TOPIC_STATUS_LABEL, lang),
  projectStatus: namesIn(PROJECT_STATUS_LABEL, lang),
  channelKind: namesIn(CHANNEL_KIND_LABEL, lang),
})

/**
 * Messages shared across the admin (layout, statuses, roles, errors) under `app.*`.
 * Resource-specific labels live in each `resources/<name>/i18n.ts` instead.
 */
const zh = {
  app: {
    title: '举手 · 工作台',
    locale: { label: '语言', zh: '中文', en: 'English' },
    menu: { work: '工作', admin: '管理' },
    ...vocabularyIn('zh'),
    error: {
      forbidden: '没有权限：%{message}',
      conflict: '操作未完成：%{message}',
    },
    common: { none: '—', loading: '加载中…' },
  },
}

const en: typeof zh = {
  app: {
    title: 'Jushou · Staff',
    locale: { label: 'Language', zh: '中文', en: 'English' },
    menu: { work: 'Work', admin: 'Administration' },
    ...vocabularyIn('en'),
    error: {
      forbidden: 'Not allowed: %{message}',
      conflict: 'Not done: %{message}',
    },
    common: { none: '—', loading: 'Loading…' },
  },
}

export default { zh, en }
