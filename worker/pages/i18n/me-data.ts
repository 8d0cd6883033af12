// ── the privacy part of 我的记录 (/me) ── what is stored under the phone, the copy to download,
// the consents to withdraw and the request for deletion. Merged into the one dictionary of
// worker/pages/i18n.ts.

const zh = {
  'mydata.data_title': '我留下的个人信息',
  'mydata.data_intro':
    '下面是本系统在这个手机号下保存的全部信息。您可以下载一份副本，撤回同意，或申请删除。',
  'mydata.reg_detail': '报名姓名 {name}，{party} 人',
  'mydata.reg_detail_one': '报名姓名 {name}，{party} 人',
  'mydata.child': '孩子 {name}（{age}），您是孩子的{relation}',
  'mydata.topic_name': '留下的姓名：{name}',
  'mydata.answers': '{n} 项回答（副本里有全部内容）',
  'mydata.volunteers': '我的志愿者登记',
  'mydata.volunteer_detail': '登记姓名 {name}',
  'mydata.attendances': '我的会议签到',
  'mydata.consents': '我给出的同意',
  'mydata.consent_given': '{day} 通过{via}同意（说明版本 {version}）',
  'mydata.consent_withdrawn': '已于 {day} 撤回',
  'mydata.withdraw': '撤回这项同意',
  'mydata.withdrawn': '已撤回同意',
  'mydata.withdraw_gone': '这项同意已经撤回，或不属于这个手机号。',
  'mydata.messages': '发给我的通知',
  'mydata.requests': '我的查阅和删除申请',
  'mydata.request_line': '{kind}申请：{status}（办理期限 {due}）',
  'mydata.copy_title': '下载我的信息副本',
  'mydata.copy_csv': '下载副本（表格文件 CSV，可用 Excel 或 WPS 打开）',
  'mydata.copy_json': '下载副本（JSON 文件，供技术人员读取）',
  'mydata.delete_link': '申请删除我的个人信息',
  'mydata.delete_title': '申请删除我的个人信息',
  'mydata.delete_what':
    '删除后，这个手机号在反映的问题、附议、活动报名、问卷回答、志愿者登记、会议签到、同意记录和通知中的姓名、手机号、孩子的信息和文字回答都会被清除。问题、报名人数、选择题和评分等不含个人信息的记录会保留，用于统计；系统会留下一条“已按申请删除”的办理记录。',
  'mydata.delete_when':
    '居委会工作人员收到申请后在 15 个工作日内办理。删除后您将不能再用这个手机号找回查询码和报名链接，需要的话请先下载副本。',
  'mydata.delete_confirm': '确认申请删除',
  'mydata.delete_cancel': '先不删除，返回我的记录',
  'mydata.delete_done_title': '已收到您的删除申请',
  'mydata.delete_done': '申请编号 {id}。居委会工作人员将在 {due} 之前（15 个工作日内）办理完成。',
  'mydata.delete_already':
    '这个手机号已有一份删除申请（编号 {id}）正在办理，将在 {due} 之前完成，不需要再次申请。',
  'mydata.delete_after':
    '办理完成后，本系统只保留不含个人信息的记录和一条办理记录。办理前如有疑问或想撤回申请，请联系居委会。',
  'mydata.back': '返回我的记录',
  'mydata.expired': '验证已过期，请重新验证手机号。',
  'mydata.bad_request': '请求有误，请返回我的记录重试。',
  'mydata.file_name': '我的信息',
}

const en: Record<keyof typeof zh, string> = {
  'mydata.data_title': 'The personal data I left',
  'mydata.data_intro':
    'Below is everything this system stores under this phone number. You can download a copy, withdraw a consent, or ask for deletion.',
  'mydata.reg_detail': 'Registered as {name}, {party} people',
  'mydata.reg_detail_one': 'Registered as {name}, {party} person',
  'mydata.child': 'Child {name} ({age}); you are the child’s {relation}',
  'mydata.topic_name': 'Name left: {name}',
  'mydata.answers': '{n} answers (all in the copy)',
  'mydata.volunteers': 'My volunteer record',
  'mydata.volunteer_detail': 'Registered as {name}',
  'mydata.attendances': 'My meeting sign-ins',
  'mydata.consents': 'Consents I gave',
  'mydata.consent_given': 'Given {day} via {via} (notice version {version})',
  'mydata.consent_withdrawn': 'Withdrawn {day}',
  'mydata.withdraw': 'Withdraw this consent',
  'mydata.withdrawn': 'Consent withdrawn',
  'mydata.withdraw_gone': 'This consent was already withdrawn, or is not this phone’s.',
  'mydata.messages': 'Messages sent to me',
  'mydata.requests': 'My requests for a copy or deletion',
  'mydata.request_line': '{kind} request: {status} (due {due})',
  'mydata.copy_title': 'Download a copy of my data',
  'mydata.copy_csv': 'Download a copy (spreadsheet, CSV: opens in Excel or WPS)',
  'mydata.copy_json': 'Download a copy (JSON, for technical readers)',
  'mydata.delete_link': 'Ask for my personal data to be deleted',
  'mydata.delete_title': 'Ask for deletion of my personal data',
  'mydata.delete_what':
    'Deletion clears the names, phone numbers, children’s details and written answers stored under this number in requests, “me too”s, registrations, survey answers, volunteer records, meeting sign-ins, consents and messages. Records without personal data (the requests, party sizes, choices and ratings) stay for statistics, and a log entry “deleted on request” is kept.',
  'mydata.delete_when':
    'Committee staff carry out the request within 15 working days. Afterwards you cannot find your tracking codes or registration links with this number; download a copy first if you need them.',
  'mydata.delete_confirm': 'Yes, ask for deletion',
  'mydata.delete_cancel': 'Not now, back to my records',
  'mydata.delete_done_title': 'We received your request for deletion',
  'mydata.delete_done':
    'Request number {id}. Committee staff will complete it by {due} (within 15 working days).',
  'mydata.delete_already':
    'A deletion request for this number (number {id}) is already open and will be completed by {due}; no need to ask again.',
  'mydata.delete_after':
    'Once done, only records without personal data and a log entry remain. To ask questions or withdraw the request before then, contact the committee office.',
  'mydata.back': 'Back to my records',
  'mydata.expired': 'Your verification has expired; please verify your phone again.',
  'mydata.bad_request':
    'Something was wrong with the request; please go back to your records and retry.',
  'mydata.file_name': 'my-data',
}

export const meDataMessages = { zh, en }
