import { namesIn, REGISTRATION_STATUS_LABEL } from '@domain/vocabulary'

const zh = {
  resources: {
    registrations: {
      name: '报名 |||| 报名',
      fields: {
        id: '编号',
        seq: '顺序',
        sessionId: '场次',
        activityId: '活动',
        name: '姓名',
        phone: '手机号',
        partySize: '人数',
        status: '状态',
        waitlistPosition: '候补位次',
        createdAt: '报名时间',
        checkedInAt: '签到时间',
        creditedHours: '志愿时长',
        answers: '附加回答',
        q: '手机后四位或姓名',
      },
    },
  },
  registrations: {
    status: namesIn(REGISTRATION_STATUS_LABEL, 'zh'),
    checkIn: '签到',
    cancel: '取消',
    cancelConfirm: '取消 %{name} 的报名？名额会按顺序递补给候补的人。',
    promote: '转为确认',
    hours: '调整时长',
    hoursTitle: '调整志愿时长：%{name}',
    hoursLabel: '小时',
    hoursNote: '原因（记入审计）',
    checkedIn: '%{name} 已签到',
    cancelled: '已取消；递补 %{n} 份',
    promoted: '已转为确认',
    hoursSaved: '时长已更新',
    exportCsv: '导出 CSV',
    exportXlsx: '导出 Excel',
    staffEntry: '代为报名',
    position: '候补第 %{n} 位',
    hoursValue: '%{h} 小时',
    noQuestions: '该活动没有附加问题',
  },
}

const en: typeof zh = {
  resources: {
    registrations: {
      name: 'Registration |||| Registrations',
      fields: {
        id: 'ID',
        seq: 'Order',
        sessionId: 'Session',
        activityId: 'Activity',
        name: 'Name',
        phone: 'Phone',
        partySize: 'People',
        status: 'Status',
        waitlistPosition: 'Waiting #',
        createdAt: 'Registered',
        checkedInAt: 'Checked in',
        creditedHours: 'Volunteer hours',
        answers: 'Answers',
        q: 'Last 4 phone digits or name',
      },
    },
  },
  registrations: {
    status: namesIn(REGISTRATION_STATUS_LABEL, 'en'),
    checkIn: 'Check in',
    cancel: 'Cancel',
    cancelConfirm:
      'Cancel the registration of %{name}? The places go to the waiting list in order.',
    promote: 'Confirm now',
    hours: 'Adjust hours',
    hoursTitle: 'Volunteer hours: %{name}',
    hoursLabel: 'Hours',
    hoursNote: 'Reason (kept in the audit log)',
    checkedIn: '%{name} checked in',
    cancelled: 'Cancelled; %{n} moved up',
    promoted: 'Confirmed',
    hoursSaved: 'Hours updated',
    exportCsv: 'Export CSV',
    exportXlsx: 'Export Excel',
    staffEntry: 'Register for someone',
    position: 'Waiting #%{n}',
    hoursValue: '%{h} h',
    noQuestions: 'This activity has no extra questions',
  },
}

export default { zh, en }
