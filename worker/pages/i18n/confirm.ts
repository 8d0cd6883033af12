// ── 居民打钩 (/g/<neighborhood>) ── merged into the one dictionary of worker/pages/i18n.ts.

const zh = {
  'confirm.list_title': '{n}：规定动作完成情况',
  'confirm.list_intro':
    '居委会完成了下面这些事。请您看一看，真的做到了就点“我确认已完成”，还没做到就点“还没有做到”。每人每项一次。',
  'confirm.no_steps': '目前没有需要居民确认的事项。',
  'confirm.done_section': '已完成，请您确认',
  'confirm.pending_section': '正在推进',
  'confirm.counts': '居民确认 {c} 人，有异议 {d} 人',
  'confirm.done_on': '完成于 {day}',
  'confirm.due_by': '计划 {day} 前完成',
  'confirm.answer': '去确认',
  'confirm.done_when': '完成标准',
  'confirm.evidence': '完成情况',
  'confirm.photo': '查看照片',
  'confirm.number': '数字',
  'confirm.voice': '您的查询码或手机号',
  'confirm.voice_hint':
    '查询码是您反映问题后拿到的，例如 K7Q-4MX；点“我也需要”得到的查询码，验证手机后才能打钩。登记过的志愿者也可以填手机号和志愿者码。',
  'confirm.vcode': '志愿者码（填手机号时需要）',
  'confirm.comment': '还没有做到的地方（选填）',
  'confirm.comment_hint': '只有居委会工作人员能看到，不会公开。',
  'confirm.confirm': '我确认已完成',
  'confirm.dispute': '还没有做到',
  'confirm.privacy': '每个查询码或手机号对每一项只能打一次钩，以第一次为准。',
  'confirm.err_voice_required': '请填写查询码或手机号',
  'confirm.err_voice_invalid': '查询码应为 6 位，例如 K7Q-4MX；手机号应为 11 位',
  'confirm.err_voice_unknown':
    '这个查询码不是本小区的，或是还没有验证手机的附议查询码，或手机号与志愿者码对不上',
  'confirm.err_vcode': '填手机号时请同时填写志愿者码',
  'confirm.err_verdict': '请选择“我确认已完成”或“还没有做到”',
  'confirm.err_comment': '最多 {max} 个字，现在有 {n} 个字',
  'confirm.thanks_title': '谢谢您！',
  'confirm.thanks_confirmed': '已记下：您确认这一项已经完成。',
  'confirm.thanks_disputed': '已记下：您认为这一项还没有做到，居委会会看到您的意见。',
  'confirm.already_title': '您已经打过钩了',
  'confirm.already_body': '这个查询码（或手机号）已经对这一项打过钩，以第一次为准。',
  'confirm.device_title': '这台手机刚打过钩',
  'confirm.device_body':
    '这台手机（或这个网络）刚刚已经为这一项打过钩。一人一次：请约 {m} 分钟后再试，或用您自己的手机。',
  'confirm.closed_title': '暂时不能打钩',
  'confirm.closed_body': '这一项还没有标记完成，完成后就可以确认了。',
  'confirm.back': '返回完成情况',
  'confirm.rate_title': '操作太频繁了',
  'confirm.rate_body': '请约 {m} 分钟后再试。',
  'confirm.board_link': '规定动作做得怎么样？请您打钩确认',
}

const en: Record<keyof typeof zh, string> = {
  'confirm.list_title': '{n}: required steps',
  'confirm.list_intro':
    'The committee says these steps are done. If it really was done, press “I confirm it is done”; if not, press “Not done yet”. Once per person and step.',
  'confirm.no_steps': 'Nothing to confirm at the moment.',
  'confirm.done_section': 'Done: please confirm',
  'confirm.pending_section': 'Under way',
  'confirm.counts': '{c} residents confirmed, {d} disagree',
  'confirm.done_on': 'Done on {day}',
  'confirm.due_by': 'Planned by {day}',
  'confirm.answer': 'Confirm',
  'confirm.done_when': 'What counts as done',
  'confirm.evidence': 'What was done',
  'confirm.photo': 'See the photo',
  'confirm.number': 'Number',
  'confirm.voice': 'Your tracking code or phone number',
  'confirm.voice_hint':
    'You got a tracking code when you raised an issue, e.g. K7Q-4MX; a code from “me too” answers once its phone is verified. Registered volunteers may give their phone and volunteer code.',
  'confirm.vcode': 'Volunteer code (with a phone number)',
  'confirm.comment': 'What is not done yet (optional)',
  'confirm.comment_hint': 'Only committee staff see this; it is never published.',
  'confirm.confirm': 'I confirm it is done',
  'confirm.dispute': 'Not done yet',
  'confirm.privacy': 'Each tracking code or phone answers once per step; the first answer counts.',
  'confirm.err_voice_required': 'Please enter a tracking code or phone number',
  'confirm.err_voice_invalid':
    'A tracking code has 6 characters, e.g. K7Q-4MX; a phone number 11 digits',
  'confirm.err_voice_unknown':
    'This tracking code is not from this neighbourhood, or is a “me too” code without a verified phone, or the phone and volunteer code do not match',
  'confirm.err_vcode': 'With a phone number, please give your volunteer code too',
  'confirm.err_verdict': 'Please choose “I confirm it is done” or “Not done yet”',
  'confirm.err_comment': 'At most {max} characters; now {n}',
  'confirm.thanks_title': 'Thank you!',
  'confirm.thanks_confirmed': 'Recorded: you confirm this step is done.',
  'confirm.thanks_disputed':
    'Recorded: you say this step is not done yet. The committee will see it.',
  'confirm.already_title': 'Already answered',
  'confirm.already_body':
    'This tracking code (or phone) has answered this step; the first answer counts.',
  'confirm.device_title': 'This phone just answered',
  'confirm.device_body':
    'This phone (or network) has just answered this step. One per person: try again in about {m} minutes, or use your own phone.',
  'confirm.closed_title': 'Not open for answers',
  'confirm.closed_body': 'This step is not marked done yet; it can be confirmed once it is.',
  'confirm.back': 'Back to the steps',
  'confirm.rate_title': 'Too many tries',
  'confirm.rate_body': 'Please try again in about {m} minutes.',
  'confirm.board_link': 'Required steps: tell us whether they were really done',
}

export const confirmMessages = { zh, en }
