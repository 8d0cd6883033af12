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
    tagline: '居民区议事协商工作台：居民反映的事、立项、进度和评议',
    locale: { label: '语言', zh: '中文', en: 'English' },
    menu: { work: '工作', admin: '管理', checkin: '现场签到' },
    ...vocabularyIn('zh'),
    error: {
      forbidden: '没有权限：%{message}',
      conflict: '操作未完成：%{message}',
    },
    conflict: {
      title: '别人刚改过这条记录',
      intro:
        '您编辑期间，这条记录已被其他人修改，您的修改还没有保存。下面是您改的内容和现在的内容，可以在最新版本上重新应用您的修改，或保留现在的内容。',
      none: '看不出哪些字段不同。',
      field: '字段',
      read: '您打开时',
      mine: '您的修改',
      current: '现在',
      both: '双方都改了',
      reapply: '在最新版本上重新应用我的修改',
      keep: '保留现在的内容',
      reapplied: '已在最新版本上保存您的修改',
    },
    common: { none: '—', loading: '加载中…' },
  },
}

const en: typeof zh = {
  app: {
    title: 'Jushou · Staff',
    tagline: 'Neighbourhood governance: what residents raise, projects, progress and ratings',
    locale: { label: 'Language', zh: '中文', en: 'English' },
    menu: { work: 'Work', admin: 'Administration', checkin: 'Check-in (phone)' },
    ...vocabularyIn('en'),
    error: {
      forbidden: 'Not allowed: %{message}',
      conflict: 'Not done: %{message}',
    },
    conflict: {
      title: 'Someone else just changed this record',
      intro:
        'While you were editing, someone else changed this record; your changes are not saved yet. Below are your changes and what is there now: reapply your changes on top of the latest version, or keep what is there.',
      none: 'No field differs that can be shown.',
      field: 'Field',
      read: 'When you opened it',
      mine: 'Your change',
      current: 'Now',
      both: 'changed by both',
      reapply: 'Reapply my changes to the latest version',
      keep: 'Keep what is there now',
      reapplied: 'Your changes are saved on the latest version',
    },
    common: { none: '—', loading: 'Loading…' },
  },
}

export default { zh, en }
