import {
  CONSENT_MEDIUM_LABEL,
  MESSAGE_STATUS_LABEL,
  MESSAGE_TEMPLATE_LABEL,
  namesIn,
} from '@domain/vocabulary'

// The notification screens' words; statuses, templates and media come from the vocabulary.
const zh = {
  resources: {
    messages: {
      name: '通知 |||| 通知',
      fields: {
        id: '编号',
        templateKey: '内容',
        recipient: '接收人',
        medium: '渠道',
        status: '状态',
        reason: '原因',
        attempts: '尝试次数',
        createdAt: '生成时间',
        sentAt: '发送时间',
        subjectType: '关于',
        subjectId: '记录',
        provider: '服务商',
      },
    },
    'notification-settings': {
      name: '通知设置 |||| 通知设置',
      fields: {
        townName: '镇',
        senderName: '落款（每条通知开头）',
        smsOn: '短信',
        emailOn: '电子邮件',
        wechatOn: '微信',
        quietFrom: '免打扰开始（上海时间）',
        quietTo: '免打扰结束',
        dailyCap: '每个手机号每天最多短信条数',
        staffDigest: '每天给工作人员发汇总',
      },
    },
    'notification-templates': {
      name: '通知模板 |||| 通知模板',
      fields: {
        townId: '镇',
        templateKey: '模板',
        medium: '渠道',
        providerTemplateId: '服务商模板编号（短信、微信须先在服务商处审核通过）',
        textZh: '本镇的中文措辞（留空用默认）',
        textEn: '本镇的英文措辞（留空用默认）',
        defaultZh: '默认中文',
        params: '参数',
      },
    },
  },
  notifications: {
    status: namesIn(MESSAGE_STATUS_LABEL, 'zh'),
    template: namesIn(MESSAGE_TEMPLATE_LABEL, 'zh'),
    medium: namesIn(CONSENT_MEDIUM_LABEL, 'zh'),
    off: '通知未开通：还没有配置短信、邮件或微信服务商，通知会记录但不会发出。配置方法见 README 的 Notifications 一节。',
    on: '已配置的服务商：%{list}',
    failedOnly: '只看发送失败',
    retry: '重发',
    retried: '已重新排队',
    history: '通知记录',
    none: '没有通知',
    preview: '预览',
    previewLang: '语言',
    previewMedium: '渠道',
  },
}

const en: typeof zh = {
  resources: {
    messages: {
      name: 'Message |||| Messages',
      fields: {
        id: 'ID',
        templateKey: 'About',
        recipient: 'To',
        medium: 'Channel',
        status: 'Status',
        reason: 'Reason',
        attempts: 'Attempts',
        createdAt: 'Written',
        sentAt: 'Sent',
        subjectType: 'Record type',
        subjectId: 'Record',
        provider: 'Provider',
      },
    },
    'notification-settings': {
      name: 'Notification settings |||| Notification settings',
      fields: {
        townName: 'Town',
        senderName: 'Sender name (starts every message)',
        smsOn: 'SMS',
        emailOn: 'Email',
        wechatOn: 'WeChat',
        quietFrom: 'Quiet hours from (Shanghai time)',
        quietTo: 'Quiet hours until',
        dailyCap: 'Most SMS per phone per day',
        staffDigest: 'Daily digest to staff',
      },
    },
    'notification-templates': {
      name: 'Message template |||| Message templates',
      fields: {
        townId: 'Town',
        templateKey: 'Template',
        medium: 'Channel',
        providerTemplateId:
          'Provider template id (SMS and WeChat templates must be approved first)',
        textZh: 'This town’s Chinese wording (empty: the default)',
        textEn: 'This town’s English wording (empty: the default)',
        defaultZh: 'Default (Chinese)',
        params: 'Parameters',
      },
    },
  },
  notifications: {
    status: namesIn(MESSAGE_STATUS_LABEL, 'en'),
    template: namesIn(MESSAGE_TEMPLATE_LABEL, 'en'),
    medium: namesIn(CONSENT_MEDIUM_LABEL, 'en'),
    off: 'Notifications are off: no SMS, email or WeChat provider is configured, so messages are recorded but not sent. See Notifications in the README.',
    on: 'Providers configured: %{list}',
    failedOnly: 'Failed only',
    retry: 'Send again',
    retried: 'Queued again',
    history: 'Messages',
    none: 'No messages',
    preview: 'Preview',
    previewLang: 'Language',
    previewMedium: 'Channel',
  },
}

export default { zh, en }
