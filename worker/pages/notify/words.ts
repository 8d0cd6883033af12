import type { Lang } from '../i18n'

// The words of notifications on the resident pages: the opt-in beside a phone field, and the
// page that stops messages (/u/<token>).

const zh = {
  optIn: '有进展时短信通知我',
  optInHint: '只发与这件事有关的进展，每条短信都可回T退订。不勾选也能正常提交。',
  optInNeedsPhone: '要接收短信通知，请填写手机号',
  stopTitle: '不再接收通知',
  stopIntro: (to: string, sender: string) =>
    `${sender ? `${sender}发给` : '发给'} ${to} 的进展通知，点下面的按钮即可停止。`,
  stopButton: '不再接收',
  stopped: '已为您退订，之后不会再收到这些通知。',
  unknown: '这个退订链接无效或已过期。',
}

const en: typeof zh = {
  optIn: 'Text me when there is progress',
  optInHint:
    'Only progress on this matter; reply T to any text to stop. You can submit without ticking it.',
  optInNeedsPhone: 'To get text messages, please give a mobile number',
  stopTitle: 'Stop notifications',
  stopIntro: (to: string, sender: string) =>
    `Progress notifications ${sender ? `from ${sender} ` : ''}to ${to}: press the button to stop them.`,
  stopButton: 'Stop notifications',
  stopped: 'Done: you will not receive these notifications any more.',
  unknown: 'This unsubscribe link is not valid.',
}

export type NotifyWords = typeof zh

/** The notification words in `lang`. */
export const notifyWords = (lang: Lang): NotifyWords => (lang === 'en' ? en : zh)
