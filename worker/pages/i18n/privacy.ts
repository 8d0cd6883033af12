// ── privacy ── withdrawing a topic's consent (/privacy/withdraw) and the guardian's part of a
// children's registration or form. Merged into the one dictionary of worker/pages/i18n.ts; the
// notice itself (/privacy) is a versioned document, worker/pages/privacy-text.ts.

const zh = {
  'withdraw.title': '撤回同意',
  'withdraw.intro':
    '反映问题或附议时同意了工作人员联系您、或选择了短信通知？输入查询码即可撤回，立即生效：您留下的姓名和手机号马上删除，工作人员不会再为此联系您，也不再给您发通知。问题照常办理，您仍可用查询码查看进度。',
  'withdraw.field': '查询码',
  'withdraw.hint': '提交问题或附议时拿到的 6 位查询码，例如 K7Q-4MX',
  'withdraw.submit': '撤回同意',
  'withdraw.bad': '查询码应为 6 位字母或数字，例如 K7Q-4MX，请检查后再试',
  'withdraw.unknown': '没有找到这个查询码，请检查后再试',
  'withdraw.wait': '尝试次数太多，请 {minutes} 分钟后再试',
  'withdraw.done': '已撤回同意',
  'withdraw.done_body': '工作人员不再看到您的联系方式，不会再为此联系您；这个问题的通知立即停止。',
  'withdraw.other':
    '活动报名、问卷、监护人同意和其他通知：在“查找我的记录”验证手机号后，可以逐项撤回，也可以申请删除全部信息。',
  'withdraw.other_link': '查找我的记录',
  'child.title': '孩子的信息',
  'child.note':
    '本活动面向儿童，请由监护人报名。上面填写的是您（监护人）的姓名和手机号。孩子只需填写姓名和年龄或年级；孩子的信息只有负责本活动的工作人员能看到，活动结束 30 天后删除。',
  'child.form_note':
    '本表面向儿童，请由监护人填写。孩子只需填写姓名和年龄或年级；孩子的信息只有负责本表的工作人员能看到，表单截止 30 天后删除。',
  'child.relation': '您与孩子的关系',
  'child.child_name': '孩子姓名',
  'child.child_age': '孩子年龄或年级',
  'child.child_age_hint': '例如：8岁、三年级',
  'child.consent':
    '我是该儿童的监护人，同意居委会为本次活动的报名、签到和安全联络使用上述孩子的信息',
  'child.privacy_link': '个人信息保护说明',
  'child.guardian_name': '监护人姓名',
  'child.guardian_phone': '监护人手机号',
}

const en: Record<keyof typeof zh, string> = {
  'withdraw.title': 'Withdraw consent',
  'withdraw.intro':
    'Agreed that staff may contact you about a concern you reported or supported, or asked for text messages about it? Enter its tracking code to withdraw, with effect at once: the name and phone you left are deleted now, staff will not contact you about it and messages stop. The concern is still handled and you can still follow it with the code.',
  'withdraw.field': 'Tracking code',
  'withdraw.hint': 'The 6-character code you got when you reported or supported it, e.g. K7Q-4MX',
  'withdraw.submit': 'Withdraw consent',
  'withdraw.bad': 'A tracking code has 6 letters or digits, e.g. K7Q-4MX; please check it',
  'withdraw.unknown': 'No concern has this tracking code; please check it',
  'withdraw.wait': 'Too many attempts; please try again in {minutes} minutes',
  'withdraw.done': 'Consent withdrawn',
  'withdraw.done_body':
    'Staff no longer see your contact details and will not contact you about it; messages about this concern stop at once.',
  'withdraw.other':
    'Registrations, surveys, a guardian’s consent and other messages: on “Find my records”, after verifying your phone, withdraw each one, or ask for all your data to be deleted.',
  'withdraw.other_link': 'Find my records',
  'child.title': 'About the child',
  'child.note':
    'This activity is for children: a guardian registers. The name and phone above are yours (the guardian’s). For the child we only ask a name and an age or school year; only the staff of this activity see them, and they are deleted 30 days after the activity.',
  'child.form_note':
    'This form is for children: a guardian fills it in. For the child we only ask a name and an age or school year; only the staff in charge of this form see them, and they are deleted 30 days after the form closes.',
  'child.relation': 'Your relationship to the child',
  'child.child_name': 'Child’s name',
  'child.child_age': 'Child’s age or school year',
  'child.child_age_hint': 'e.g. 8, or Year 3',
  'child.consent':
    'I am the child’s guardian and consent to the committee using these details of the child for this activity’s registration, check-in and safety contact',
  'child.privacy_link': 'Privacy notice',
  'child.guardian_name': 'Guardian’s name',
  'child.guardian_phone': 'Guardian’s mobile number',
}

export const privacyMessages = { zh, en }
