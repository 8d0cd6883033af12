import type { Lang } from '../i18n'

// The words of 查找我的记录 (/me) and of leaving a phone with a "me too" (the language comes from
// worker/pages/i18n.ts `langOf`).

const zh = {
  title: '查找我的记录',
  intro:
    '忘了查询码或报名的链接？输入您留过的手机号，我们发一条短信验证码给您，验证后就能看到这个手机号反映的问题、附议、活动报名和问卷回执。',
  phone: '手机号',
  phoneHint: '11 位手机号，例如 138 0013 8000',
  send: '发送验证码',
  codeTitle: '输入短信验证码',
  codeSent: (masked: string) => `验证码已发到 ${masked}，10 分钟内有效。`,
  code: '验证码',
  codeHint: '短信里的 6 位数字',
  verify: '验证并查看记录',
  resend: '没收到？重新发送',
  otherPhone: '换一个手机号',
  errPhone: '请填写 11 位手机号，例如 138 0013 8000',
  errCodeFormat: '验证码是 6 位数字',
  errCodeWrong: (left: number) =>
    left > 0 ? `验证码不对，还可以再试 ${left} 次` : '验证码不对，次数已用完，请重新获取验证码',
  errCodeExpired: '验证码已过期，请重新获取',
  errCodeUsedUp: '这个验证码试错次数太多，请重新获取',
  errCodeNone: '请先获取验证码',
  limitPhoneTitle: '这个手机号获取验证码太频繁了',
  limitAddressTitle: '这台设备获取验证码太频繁了',
  limitBody: '为了防止短信被滥用，请稍后再试；着急的话可以到居委会请工作人员帮您查。',
  sendFailedTitle: '短信暂时发不出去',
  sendFailedRetry: '短信服务暂时不可用，请过几分钟再试，或到居委会请工作人员帮您查。',
  sendFailedPermanent: '这个号码收不到验证短信。请检查号码，或到居委会请工作人员帮您查。',
  offTitle: '暂时不能用短信验证',
  offBody:
    '本社区还没有开通短信验证。请带上身份证到居委会，工作人员可以帮您找到查询码和报名记录，也可以当面为您验证手机号（验证后，您的附议就可以参与评议）。',
  recordsTitle: '我的记录',
  recordsFor: (masked: string) => `手机号 ${masked} 的记录`,
  verifiedSince: (day: string) => `手机号已验证（${day}）`,
  topics: '我反映的问题',
  supports: '我附议的问题（我也需要）',
  registrations: '我的活动报名',
  responses: '我的问卷回执',
  none: '没有',
  trackLink: '查看进展',
  manage: '查看或取消报名',
  receipt: '查看回执',
  codeLabel: (code: string) => `查询码 ${code}`,
  voice: '可以参与评议',
  signOut: '退出（在公用手机上用完请退出）',
  sessionNote: '30 分钟内不用再次验证；关闭浏览器或点“退出”后需要重新验证。',
  // leaving a phone with a "me too" (the support receipt)
  supportPhoneTitle: '留下手机号，参与评议（选填）',
  supportPhoneIntro:
    '为了每位居民只算一次，附议的居民要验证手机后才能在项目完成后参与评议。留下手机号并验证，也可以随时凭手机号找回这个查询码。',
  supportPhoneSave: '保存手机号',
  supportPhoneSaved: '已记下您的手机号。',
  supportPhoneVerifyNow: '现在验证这个手机号：',
  supportPhoneVerified: '这个附议已经验证过手机，不能再更换手机号。',
  unknownCode: '没有找到这个查询码。',
  footerLink: '忘了查询码？凭手机号查找我的记录',
}

const en: typeof zh = {
  title: 'Find my records',
  intro:
    'Lost a tracking code or a registration link? Enter the phone number you left; we text you a code, and once verified you see the requests, “me too”s, registrations and survey receipts of that number.',
  phone: 'Phone number',
  phoneHint: '11-digit mainland mobile number, e.g. 138 0013 8000',
  send: 'Send me a code',
  codeTitle: 'Enter the code from the text message',
  codeSent: (masked: string) => `We sent a code to ${masked}. It is valid for 10 minutes.`,
  code: 'Code',
  codeHint: 'The 6 digits in the text message',
  verify: 'Verify and show my records',
  resend: 'No text? Send again',
  otherPhone: 'Use another number',
  errPhone: 'Enter an 11-digit mobile number, e.g. 138 0013 8000',
  errCodeFormat: 'The code is 6 digits',
  errCodeWrong: (left: number) =>
    left > 0
      ? `That code is not right; ${left} tries left`
      : 'That code is not right and no tries are left; please ask for a new code',
  errCodeExpired: 'The code has expired; please ask for a new one',
  errCodeUsedUp: 'Too many wrong tries for this code; please ask for a new one',
  errCodeNone: 'Please ask for a code first',
  limitPhoneTitle: 'Too many codes for this number',
  limitAddressTitle: 'Too many codes from this device',
  limitBody:
    'To keep text messages from being abused, please try again later, or ask the committee office to look it up for you.',
  sendFailedTitle: 'The text message could not be sent',
  sendFailedRetry:
    'The text service is not available right now. Please try again in a few minutes, or ask the committee office.',
  sendFailedPermanent:
    'This number cannot receive the code. Please check it, or ask the committee office to help you.',
  offTitle: 'Verification by text is not available',
  offBody:
    'This community has not set up text messages yet. Please bring your ID to the committee office: staff can find your tracking codes and registrations, and verify your phone in person (a verified “me too” can rate the project).',
  recordsTitle: 'My records',
  recordsFor: (masked: string) => `Records of ${masked}`,
  verifiedSince: (day: string) => `Phone verified (${day})`,
  topics: 'Requests I made',
  supports: 'Requests I supported (me too)',
  registrations: 'My registrations',
  responses: 'My survey receipts',
  none: 'None',
  trackLink: 'See progress',
  manage: 'View or cancel',
  receipt: 'View receipt',
  codeLabel: (code: string) => `Code ${code}`,
  voice: 'can rate',
  signOut: 'Sign out (please do on a shared phone)',
  sessionNote:
    'No need to verify again for 30 minutes; after closing the browser or signing out you will.',
  supportPhoneTitle: 'Leave your phone to rate later (optional)',
  supportPhoneIntro:
    'So that each resident counts once, supporters rate a finished project only after verifying their phone. With a verified phone you can also find this code again any time.',
  supportPhoneSave: 'Save my number',
  supportPhoneSaved: 'Your number is saved.',
  supportPhoneVerifyNow: 'Now verify this number:',
  supportPhoneVerified: 'This “me too” is already verified; its phone cannot change.',
  unknownCode: 'This tracking code was not found.',
  footerLink: 'Lost a code? Find my records by phone',
}

export const meWords: Record<Lang, typeof zh> = { zh, en }
