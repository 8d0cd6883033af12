import type { Lang } from '../i18n'

// The words of the 居民打钩 pages (the language comes from worker/pages/i18n.ts `langOf`).

const zh = {
  listTitle: (n: string) => `${n}：规定动作完成情况`,
  listIntro:
    '居委会完成了下面这些事。请您看一看，真的做到了就点“我确认已完成”，还没做到就点“还没有做到”。每人每项一次。',
  noSteps: '目前没有需要居民确认的事项。',
  doneSection: '已完成，请您确认',
  pendingSection: '正在推进',
  counts: (c: number, d: number) => `居民确认 ${c} 人，有异议 ${d} 人`,
  doneOn: (day: string) => `完成于 ${day}`,
  dueBy: (day: string) => `计划 ${day} 前完成`,
  answer: '去确认',
  doneWhen: '完成标准',
  evidence: '完成情况',
  photo: '查看照片',
  number: '数字',
  voice: '您的查询码或手机号',
  voiceHint:
    '查询码是您反映问题后拿到的，例如 K7Q-4MX；点“我也需要”得到的查询码，验证手机后才能打钩。登记过的志愿者也可以填手机号和志愿者码。',
  vcode: '志愿者码（填手机号时需要）',
  comment: '还没有做到的地方（选填）',
  commentHint: '只有居委会工作人员能看到，不会公开。',
  confirm: '我确认已完成',
  dispute: '还没有做到',
  privacy: '每个查询码或手机号对每一项只能打一次钩，以第一次为准。',
  errVoiceRequired: '请填写查询码或手机号',
  errVoiceInvalid: '查询码应为 6 位，例如 K7Q-4MX；手机号应为 11 位',
  errVoiceUnknown:
    '这个查询码不是本小区的，或是还没有验证手机的附议查询码，或手机号与志愿者码对不上',
  errVcode: '填手机号时请同时填写志愿者码',
  errVerdict: '请选择“我确认已完成”或“还没有做到”',
  errComment: (max: number, n: number) => `最多 ${max} 个字，现在有 ${n} 个字`,
  thanksTitle: '谢谢您！',
  thanksConfirmed: '已记下：您确认这一项已经完成。',
  thanksDisputed: '已记下：您认为这一项还没有做到，居委会会看到您的意见。',
  alreadyTitle: '您已经打过钩了',
  alreadyBody: '这个查询码（或手机号）已经对这一项打过钩，以第一次为准。',
  deviceTitle: '这台手机刚打过钩',
  deviceBody: (m: number) =>
    `这台手机（或这个网络）刚刚已经为这一项打过钩。一人一次：请约 ${m} 分钟后再试，或用您自己的手机。`,
  closedTitle: '暂时不能打钩',
  closedBody: '这一项还没有标记完成，完成后就可以确认了。',
  back: '返回完成情况',
  rateTitle: '操作太频繁了',
  rateBody: (m: number) => `请约 ${m} 分钟后再试。`,
  boardLink: '规定动作做得怎么样？请您打钩确认',
}

const en: typeof zh = {
  listTitle: (n: string) => `${n}: required steps`,
  listIntro:
    'The committee says these steps are done. If it really was done, press “I confirm it is done”; if not, press “Not done yet”. Once per person and step.',
  noSteps: 'Nothing to confirm at the moment.',
  doneSection: 'Done: please confirm',
  pendingSection: 'Under way',
  counts: (c: number, d: number) => `${c} residents confirmed, ${d} disagree`,
  doneOn: (day: string) => `Done on ${day}`,
  dueBy: (day: string) => `Planned by ${day}`,
  answer: 'Confirm',
  doneWhen: 'What counts as done',
  evidence: 'What was done',
  photo: 'See the photo',
  number: 'Number',
  voice: 'Your tracking code or phone number',
  voiceHint:
    'You got a tracking code when you raised an issue, e.g. K7Q-4MX; a code from “me too” answers once its phone is verified. Registered volunteers may give their phone and volunteer code.',
  vcode: 'Volunteer code (with a phone number)',
  comment: 'What is not done yet (optional)',
  commentHint: 'Only committee staff see this; it is never published.',
  confirm: 'I confirm it is done',
  dispute: 'Not done yet',
  privacy: 'Each tracking code or phone answers once per step; the first answer counts.',
  errVoiceRequired: 'Please enter a tracking code or phone number',
  errVoiceInvalid: 'A tracking code has 6 characters, e.g. K7Q-4MX; a phone number 11 digits',
  errVoiceUnknown:
    'This tracking code is not from this neighbourhood, or is a “me too” code without a verified phone, or the phone and volunteer code do not match',
  errVcode: 'With a phone number, please give your volunteer code too',
  errVerdict: 'Please choose “I confirm it is done” or “Not done yet”',
  errComment: (max: number, n: number) => `At most ${max} characters; now ${n}`,
  thanksTitle: 'Thank you!',
  thanksConfirmed: 'Recorded: you confirm this step is done.',
  thanksDisputed: 'Recorded: you say this step is not done yet. The committee will see it.',
  alreadyTitle: 'Already answered',
  alreadyBody: 'This tracking code (or phone) has answered this step; the first answer counts.',
  deviceTitle: 'This phone just answered',
  deviceBody: (m: number) =>
    `This phone (or network) has just answered this step. One per person: try again in about ${m} minutes, or use your own phone.`,
  closedTitle: 'Not open for answers',
  closedBody: 'This step is not marked done yet; it can be confirmed once it is.',
  back: 'Back to the steps',
  rateTitle: 'Too many tries',
  rateBody: (m: number) => `Please try again in about ${m} minutes.`,
  boardLink: 'Required steps: tell us whether they were really done',
}

export const confirmWords: Record<Lang, typeof zh> = { zh, en }
export type ConfirmWords = typeof zh
