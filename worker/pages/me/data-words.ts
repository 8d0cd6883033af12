import type { Lang } from '../i18n'

// The words of the privacy part of 我的记录 (/me): what is stored under the phone, the copy to
// download, the consents to withdraw and the request for deletion.

const zh = {
  dataTitle: '我留下的个人信息',
  dataIntro: '下面是本系统在这个手机号下保存的全部信息。您可以下载一份副本，撤回同意，或申请删除。',
  regDetail: (name: string, party: number) => `报名姓名 ${name || '—'}，${party} 人`,
  child: (name: string, age: string, relation: string) =>
    `孩子 ${name}（${age}），您是孩子的${relation}`,
  topicName: (name: string) => `留下的姓名：${name}`,
  answers: (n: number) => `${n} 项回答（副本里有全部内容）`,
  volunteers: '我的志愿者登记',
  volunteerDetail: (name: string) => `登记姓名 ${name || '—'}`,
  attendances: '我的会议签到',
  consents: '我给出的同意',
  consentGiven: (day: string, via: string, version: string) =>
    `${day} 通过${via}同意（说明版本 ${version}）`,
  consentWithdrawn: (day: string) => `已于 ${day} 撤回`,
  withdraw: '撤回这项同意',
  withdrawn: '已撤回同意',
  withdrawGone: '这项同意已经撤回，或不属于这个手机号。',
  messages: '发给我的通知',
  requests: '我的查阅和删除申请',
  requestLine: (kind: string, status: string, due: string) =>
    `${kind}申请：${status}（办理期限 ${due}）`,
  copyTitle: '下载我的信息副本',
  copyCsv: '下载副本（表格文件 CSV，可用 Excel 或 WPS 打开）',
  copyJson: '下载副本（JSON 文件，供技术人员读取）',
  deleteLink: '申请删除我的个人信息',
  deleteTitle: '申请删除我的个人信息',
  deleteWhat:
    '删除后，这个手机号在反映的问题、附议、活动报名、问卷回答、志愿者登记、会议签到、同意记录和通知中的姓名、手机号、孩子的信息和文字回答都会被清除。问题、报名人数、选择题和评分等不含个人信息的记录会保留，用于统计；系统会留下一条“已按申请删除”的办理记录。',
  deleteWhen:
    '居委会工作人员收到申请后在 15 个工作日内办理。删除后您将不能再用这个手机号找回查询码和报名链接，需要的话请先下载副本。',
  deleteConfirm: '确认申请删除',
  deleteCancel: '先不删除，返回我的记录',
  deleteDoneTitle: '已收到您的删除申请',
  deleteDone: (id: number, due: string) =>
    `申请编号 ${id}。居委会工作人员将在 ${due} 之前（15 个工作日内）办理完成。`,
  deleteAlready: (id: number, due: string) =>
    `这个手机号已有一份删除申请（编号 ${id}）正在办理，将在 ${due} 之前完成，不需要再次申请。`,
  deleteAfter:
    '办理完成后，本系统只保留不含个人信息的记录和一条办理记录。办理前如有疑问或想撤回申请，请联系居委会。',
  back: '返回我的记录',
  expired: '验证已过期，请重新验证手机号。',
  badRequest: '请求有误，请返回我的记录重试。',
}

const en: typeof zh = {
  dataTitle: 'The personal data I left',
  dataIntro:
    'Below is everything this system stores under this phone number. You can download a copy, withdraw a consent, or ask for deletion.',
  regDetail: (name: string, party: number) =>
    `Registered as ${name || '—'}, ${party} ${party === 1 ? 'person' : 'people'}`,
  child: (name: string, age: string, relation: string) =>
    `Child ${name} (${age}); you are the child’s ${relation}`,
  topicName: (name: string) => `Name left: ${name}`,
  answers: (n: number) => `${n} answers (all in the copy)`,
  volunteers: 'My volunteer record',
  volunteerDetail: (name: string) => `Registered as ${name || '—'}`,
  attendances: 'My meeting sign-ins',
  consents: 'Consents I gave',
  consentGiven: (day: string, via: string, version: string) =>
    `Given ${day} via ${via} (notice version ${version})`,
  consentWithdrawn: (day: string) => `Withdrawn ${day}`,
  withdraw: 'Withdraw this consent',
  withdrawn: 'Consent withdrawn',
  withdrawGone: 'This consent was already withdrawn, or is not this phone’s.',
  messages: 'Messages sent to me',
  requests: 'My requests for a copy or deletion',
  requestLine: (kind: string, status: string, due: string) =>
    `${kind} request: ${status} (due ${due})`,
  copyTitle: 'Download a copy of my data',
  copyCsv: 'Download a copy (spreadsheet, CSV: opens in Excel or WPS)',
  copyJson: 'Download a copy (JSON, for technical readers)',
  deleteLink: 'Ask for my personal data to be deleted',
  deleteTitle: 'Ask for deletion of my personal data',
  deleteWhat:
    'Deletion clears the names, phone numbers, children’s details and written answers stored under this number in requests, “me too”s, registrations, survey answers, volunteer records, meeting sign-ins, consents and messages. Records without personal data (the requests, party sizes, choices and ratings) stay for statistics, and a log entry “deleted on request” is kept.',
  deleteWhen:
    'Committee staff carry out the request within 15 working days. Afterwards you cannot find your tracking codes or registration links with this number; download a copy first if you need them.',
  deleteConfirm: 'Yes, ask for deletion',
  deleteCancel: 'Not now, back to my records',
  deleteDoneTitle: 'We received your request for deletion',
  deleteDone: (id: number, due: string) =>
    `Request number ${id}. Committee staff will complete it by ${due} (within 15 working days).`,
  deleteAlready: (id: number, due: string) =>
    `A deletion request for this number (number ${id}) is already open and will be completed by ${due}; no need to ask again.`,
  deleteAfter:
    'Once done, only records without personal data and a log entry remain. To ask questions or withdraw the request before then, contact the committee office.',
  back: 'Back to my records',
  expired: 'Your verification has expired; please verify your phone again.',
  badRequest: 'Something was wrong with the request; please go back to your records and retry.',
}

export const meDataWords: Record<Lang, typeof zh> = { zh, en }
