/**
 * Messages shared across the admin (layout, statuses, roles, errors) under `app.*`.
 * Resource-specific labels live in each `resources/<name>/i18n.ts` instead.
 */
const zh = {
  app: {
    title: '举手 · 工作台',
    locale: { label: '语言', zh: '中文', en: 'English' },
    menu: { work: '工作', admin: '管理' },
    role: { admin: '管理员', town: '镇专班', staff: '居委工作人员', viewer: '只读' },
    topicStatus: {
      submitted: '待受理',
      accepted: '已受理',
      adopted: '已立项',
      in_progress: '实施中',
      done: '已完成',
      merged: '已合并',
      declined: '不予采纳',
      referred: '已转办',
    },
    projectStatus: {
      planned: '计划中',
      in_progress: '进行中',
      blocked: '受阻',
      done: '已完成',
      cancelled: '已取消',
    },
    channelKind: {
      qr: '二维码点位',
      web: '网页',
      phone: '电话',
      visit: '走访',
      box: '意见箱',
      staff: '工作人员录入',
    },
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
    role: {
      admin: 'Administrator',
      town: 'Town coordinator',
      staff: 'Committee staff',
      viewer: 'Viewer',
    },
    topicStatus: {
      submitted: 'Submitted',
      accepted: 'Accepted',
      adopted: 'Adopted',
      in_progress: 'In progress',
      done: 'Done',
      merged: 'Merged',
      declined: 'Declined',
      referred: 'Referred',
    },
    projectStatus: {
      planned: 'Planned',
      in_progress: 'In progress',
      blocked: 'Blocked',
      done: 'Done',
      cancelled: 'Cancelled',
    },
    channelKind: {
      qr: 'QR point',
      web: 'Web',
      phone: 'Phone',
      visit: 'Visit',
      box: 'Suggestion box',
      staff: 'Staff entry',
    },
    error: {
      forbidden: 'Not allowed: %{message}',
      conflict: 'Not done: %{message}',
    },
    common: { none: '—', loading: 'Loading…' },
  },
}

export default { zh, en }
