import {
  AUDIT_RESOURCE_LABEL,
  EXPORT_PURPOSE_LABEL,
  namesIn,
  PRIVACY_AUDIT_ACTION_LABEL,
  PRIVACY_REQUEST_KIND_LABEL,
  PRIVACY_REQUEST_STATUS_LABEL,
  PURGE_KIND_LABEL,
  REVEAL_PURPOSE_LABEL,
  type Lang,
} from '@domain/vocabulary'

// The privacy screens' words (#17): requests, retention, the access log and the reveal button.
// Kinds, statuses, purposes and actions come from the vocabulary.
const vocabularyIn = (lang: Lang) => ({
  requestKind: namesIn(PRIVACY_REQUEST_KIND_LABEL, lang),
  requestStatus: namesIn(PRIVACY_REQUEST_STATUS_LABEL, lang),
  purgeKind: namesIn(PURGE_KIND_LABEL, lang),
  revealPurpose: namesIn(REVEAL_PURPOSE_LABEL, lang),
  exportPurpose: namesIn(EXPORT_PURPOSE_LABEL, lang),
  action: namesIn(PRIVACY_AUDIT_ACTION_LABEL, lang),
  resource: namesIn(AUDIT_RESOURCE_LABEL, lang),
})

const zh = {
  privacy: {
    menu: '个人信息',
    tabs: { requests: '查阅和删除申请', retention: '保存期限', accessLog: '查看记录' },
    reveal: { button: '查看完整号码（会记录）', why: '查看理由' },
    export: { why: '导出用途（会记录）' },
    inputs: {
      forChildren: '面向儿童',
      forChildrenHelp:
        '由监护人报名并单独同意；孩子只填姓名和年龄或年级，只有本居民区工作人员能看到，按儿童信息期限删除',
      sensitive: '敏感信息',
      sensitiveHelp:
        '如过敏、健康情况：只有本居民区工作人员能看到，导出须说明理由，按儿童信息期限删除',
    },
    requests: {
      intro:
        '居民申请查阅/复制或删除自己的个人信息，须在收到后 15 个工作日内处理。超期的标红，3 个工作日内到期的标黄。',
      new: '登记申请',
      newHelp: '居民在居委会当面核实身份后，由工作人员登记。',
      phone: '手机号',
      kind: '申请类型',
      note: '备注',
      save: '登记',
      filed: '已登记申请',
      empty: '没有申请',
      id: '编号',
      status: '状态',
      receivedAt: '收到时间',
      dueAt: '处理期限',
      left: '剩 %{n} 个工作日',
      dueToday: '今天到期',
      overdue: '已超期',
      overdueBy: '已超期 %{n} 个工作日',
      actions: '处理',
      copy: '导出副本',
      copied: '副本已下载，申请已完成',
      erase: '执行删除',
      eraseConfirm:
        '删除该手机号在议题、报名、问卷、志愿者、会议签到、通知等处的个人信息，只留下匿名记录。删除后不能恢复。确定吗？',
      erased: '已删除 %{n} 条记录中的个人信息',
      refuse: '不予办理',
      refuseWhy: '不予办理的理由（会告知居民，并记入日志）',
      refused: '已记录不予办理',
      cancel: '取消',
      confirm: '确定',
    },
    retention: {
      intro:
        '定时任务每 10 分钟按保存期限清除到期的个人信息（保留匿名记录，统计数字不变）。下面是现在已到期、下次运行会清除的条数，以及 30 天内将到期的条数。',
      kind: '信息类别',
      period: '保存期限',
      dueNow: '下次清除',
      dueSoon: '30 天内到期',
      days: '%{n} 天',
      hours: '%{n} 小时',
      log: '清除记录',
      at: '时间',
      count: '条数',
      request: '申请编号',
      noLog: '还没有清除记录',
    },
    accessLog: {
      intro:
        '谁在什么时候查看了完整手机号、导出了个人信息、提供了副本或按申请删除。可按工作人员或居民手机号查询。',
      user: '工作人员',
      anyone: '全部',
      phone: '居民手机号',
      search: '查询',
      empty: '没有记录',
      at: '时间',
      action: '操作',
      record: '记录',
      detail: '理由/内容',
      rows: '%{n} 行',
      reason: '理由：%{reason}',
    },
    ...vocabularyIn('zh'),
  },
}

const en: typeof zh = {
  privacy: {
    menu: 'Personal data',
    tabs: {
      requests: 'Copy and deletion requests',
      retention: 'Retention',
      accessLog: 'Access log',
    },
    reveal: { button: 'Show the full number (logged)', why: 'Why?' },
    export: { why: 'What is the export for? (logged)' },
    inputs: {
      forChildren: 'For children',
      forChildrenHelp:
        'A guardian registers and consents; for the child only a name and age or school year, seen only by this neighbourhood’s staff, erased on the children’s schedule',
      sensitive: 'Sensitive',
      sensitiveHelp:
        'Such as allergies or health notes: seen only by this neighbourhood’s staff, exported only with a reason, erased on the children’s schedule',
    },
    requests: {
      intro:
        'Residents may ask for a copy of their personal data or its deletion; each request is answered within 15 working days. Overdue ones are red, those due within 3 working days amber.',
      new: 'File a request',
      newHelp: 'Staff file it once they have checked the person at the committee.',
      phone: 'Phone',
      kind: 'Request',
      note: 'Note',
      save: 'File',
      filed: 'Request filed',
      empty: 'No requests',
      id: 'No.',
      status: 'Status',
      receivedAt: 'Received',
      dueAt: 'Due',
      left: '%{n} working days left',
      dueToday: 'Due today',
      overdue: 'Overdue',
      overdueBy: 'Overdue by %{n} working days',
      actions: 'Handle',
      copy: 'Download the copy',
      copied: 'Copy downloaded; request done',
      erase: 'Erase',
      eraseConfirm:
        'Erase this phone’s personal data across topics, registrations, surveys, volunteers, meeting sign-ins and messages, leaving anonymous records. This cannot be undone. Go ahead?',
      erased: 'Personal data erased from %{n} records',
      refuse: 'Refuse',
      refuseWhy: 'Why it is refused (told to the resident, and logged)',
      refused: 'Refusal recorded',
      cancel: 'Cancel',
      confirm: 'Confirm',
    },
    retention: {
      intro:
        'Every 10 minutes the scheduled job erases the personal data whose time is up (anonymous rows and figures stay). Below: what is due now (the next run erases it) and what falls due within 30 days.',
      kind: 'Kind of data',
      period: 'Kept for',
      dueNow: 'Next run',
      dueSoon: 'Due within 30 days',
      days: '%{n} days',
      hours: '%{n} hours',
      log: 'Purge log',
      at: 'When',
      count: 'Records',
      request: 'Request',
      noLog: 'Nothing purged yet',
    },
    accessLog: {
      intro:
        'Who revealed a full phone number, exported personal data, gave a copy or erased on request, and when. Search by staff member or by resident phone.',
      user: 'Staff member',
      anyone: 'Everyone',
      phone: 'Resident phone',
      search: 'Search',
      empty: 'No entries',
      at: 'When',
      action: 'Action',
      record: 'Record',
      detail: 'Purpose / content',
      rows: '%{n} rows',
      reason: 'Reason: %{reason}',
    },
    ...vocabularyIn('en'),
  },
}

export default { zh, en }
