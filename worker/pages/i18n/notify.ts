// ── notifications ── the opt-in beside a phone field, and the page that stops messages (/u/<token>).
// Merged into the one dictionary of worker/pages/i18n.ts.

const zh = {
  'notify.opt_in': '有进展时短信通知我',
  'notify.opt_in_hint': '只发与这件事有关的进展，每条短信都可回T退订。不勾选也能正常提交。',
  'notify.opt_in_needs_phone': '要接收短信通知，请填写手机号',
  'notify.stop_title': '不再接收通知',
  'notify.stop_intro': '发给 {to} 的进展通知，点下面的按钮即可停止。',
  'notify.stop_intro_from': '{sender}发给 {to} 的进展通知，点下面的按钮即可停止。',
  'notify.stop_button': '不再接收',
  'notify.stopped': '已为您退订，之后不会再收到这些通知。',
  'notify.unknown': '这个退订链接无效或已过期。',
}

const en: Record<keyof typeof zh, string> = {
  'notify.opt_in': 'Text me when there is progress',
  'notify.opt_in_hint':
    'Only progress on this matter; reply T to any text to stop. You can submit without ticking it.',
  'notify.opt_in_needs_phone': 'To get text messages, please give a mobile number',
  'notify.stop_title': 'Stop notifications',
  'notify.stop_intro': 'Progress notifications to {to}: press the button to stop them.',
  'notify.stop_intro_from':
    'Progress notifications from {sender} to {to}: press the button to stop them.',
  'notify.stop_button': 'Stop notifications',
  'notify.stopped': 'Done: you will not receive these notifications any more.',
  'notify.unknown': 'This unsubscribe link is not valid.',
}

export const notifyMessages = { zh, en }
