// The privacy notice (/privacy) in both languages: a legal document, kept whole per language
// rather than as messages of worker/pages/i18n.ts (docs/glossary.md, "Words"). Versioned: change NOTICE_VERSION
// (domain/privacy/consent.ts) with any change of meaning here; every consent records the
// version its person saw. Retention periods are not written here: the page states the values
// in force (domain/privacy/retention.ts and the deployment's settings).
import type { Lang } from './i18n'

type Section = { title: string; items: string[] }

type Notice = {
  title: string
  intro: string
  version: string
  collect: Section
  retention: { title: string; intro: string; keep: string; purge: string }
  who: Section
  where: Section
  rights: Section
  contact: { title: string; fallback: string }
  units: { days: string; hours: string }
}

const zh: Notice = {
  title: '个人信息保护说明',
  intro:
    '“举手”是居委会收集居民诉求、组织活动和议事的工具。我们只收集办事必需的最少信息，只用于告诉您的目的，到期即删除。',
  version: '说明版本',
  collect: {
    title: '我们收集什么，为什么',
    items: [
      '反映问题：问题本身；姓名和手机号选填，只在您勾选同意后保存，用于工作人员联系您了解情况、告知结果。',
      '附议（我也遇到）：不收集姓名，给您一个查询码；手机号选填，留下并验证后可以在项目完成后参与评议，也能凭手机号找回查询码。',
      '活动报名：姓名、手机号和报名人数，用于报名、签到和活动通知。',
      '儿童活动（如暑托班）：由监护人报名，填写监护人姓名、手机号和与孩子的关系；孩子只填姓名和年龄或年级；只有工作人员另设并标为敏感的栏目才收集过敏或健康情况；必须有监护人的单独同意。',
      '问卷和表单：您的回答；表单会说明用途，手机号只在表单需要时收集。',
      '会议签到：姓名和手机号选填，用于记录到会和告知议定结果。',
      '志愿者登记：姓名、手机号和技能，用于安排志愿服务和记录服务时长。',
      '通知：只有您同意后才发送短信或消息，随时可以退订。',
    ],
  },
  retention: {
    title: '保存多久',
    intro: '到期后，系统每天自动删除姓名、手机号等个人信息；不含个人信息的统计数字保留。',
    keep: '保存',
    purge: '到期删除',
  },
  who: {
    title: '谁能看到',
    items: [
      '本居民区的居委会工作人员：办理您的事项时可以看到；手机号对工作人员也只显示部分号码（如 138****1234），需要联系您时才点开完整号码，每次都会记录查看人和用途。',
      '镇专班和管理员：查看汇总和办理进度；儿童的信息和标为敏感的回答（如过敏、健康情况）只有负责该活动的工作人员能看到。',
      '只读账号和共建单位：看不到姓名和手机号。',
      '公开页面（看板、查询页）从不显示姓名和手机号。',
      '导出含个人信息的表格都会记录导出人和用途；儿童信息和敏感回答不经说明理由不能导出。',
    ],
  },
  where: {
    title: '存在哪里',
    items: [
      '存放在本系统的数据库中（部署方的云数据库或居委会自己的服务器），位于中国境内的部署不向境外传输。',
      '不出售、不向无关的第三方提供。发送短信时，手机号交给短信服务商，只用于发送这条短信。',
    ],
  },
  rights: {
    title: '查阅、复制、删除和撤回同意',
    items: [
      '您可以查看以您的手机号保存的全部信息、下载一份副本，或申请删除：在“查找我的记录”页面用短信验证码验证手机号后办理，或到所在居委会当面办理（工作人员核实身份后登记）。',
      '我们在 15 个工作日内办结删除申请；删除后只留下不含个人信息的记录和一条办理记录。',
      '撤回同意和给出同意一样容易：短信回复 T 退订、点退订链接、在“查找我的记录”页面或告诉工作人员，立即生效——工作人员不再为此联系您，通知立即停止。',
    ],
  },
  contact: { title: '联系我们', fallback: '请联系您所在的居委会。' },
  units: { days: '天', hours: '小时' },
}

const en: Notice = {
  title: 'How we protect your personal information',
  intro:
    'Jushou is how the neighbourhood committee collects residents’ concerns and runs activities and meetings. We collect the least we need, use it only for the purpose we tell you, and delete it when its time is up.',
  version: 'Notice version',
  collect: {
    title: 'What we collect, and why',
    items: [
      'Reporting a concern: the concern itself; a name and phone are optional and kept only if you tick consent, so staff can contact you and tell you the outcome.',
      '“Me too”: no name; you get a tracking code. A phone is optional: left and verified, it lets you rate the finished project and find the code again.',
      'Registering for an activity: name, phone and party size, for registration, check-in and notices.',
      'Children’s activities (such as the summer care class): a guardian registers with their name, phone and relationship to the child; for the child only a name and an age or school year; allergies or health notes only where staff add such a question and mark it sensitive; the guardian’s specific consent is required.',
      'Surveys and forms: your answers; each form says what they are for, and asks for a phone only when it needs one.',
      'Meeting sign-in: a name and phone are optional, to record attendance and tell you the decisions.',
      'Volunteers: name, phone and skills, to arrange volunteering and record hours served.',
      'Notifications: sent only with your consent; unsubscribe at any time.',
    ],
  },
  retention: {
    title: 'How long we keep it',
    intro:
      'When the time is up, the system erases names, phones and other personal details automatically each day; figures without personal data stay.',
    keep: 'Kept',
    purge: 'then erased',
  },
  who: {
    title: 'Who sees it',
    items: [
      'Committee staff of your neighbourhood, to handle your matter. Phone numbers are partly hidden from staff too (e.g. 138****1234); a full number is shown only when they need to contact you, and each time who looked and why is logged.',
      'Town coordinators and administrators: summaries and progress; a child’s details and answers marked sensitive (such as allergies or health notes) only the staff of that activity can see.',
      'Read-only accounts and partner organisations never see names or phones.',
      'Public pages (the board, tracking) never show names or phones.',
      'Every export containing personal data is logged with who made it and why; children’s data and sensitive answers cannot be exported without a stated reason.',
    ],
  },
  where: {
    title: 'Where it is stored',
    items: [
      'In this system’s database (the operator’s cloud database or the committee’s own server); a deployment in China does not transfer it abroad.',
      'Never sold or given to unrelated third parties. To send an SMS, the phone number goes to the SMS provider for that message only.',
    ],
  },
  rights: {
    title: 'Seeing, copying or deleting your data, and withdrawing consent',
    items: [
      'You can see everything stored under your phone number, download a copy, or ask for deletion: on the “Find my records” page after verifying your phone by SMS code, or in person at your neighbourhood committee (staff check who you are and record the request).',
      'We complete a deletion request within 15 working days; afterwards only records without personal data and a log entry of the request remain.',
      'Withdrawing consent is as easy as giving it: reply T to an SMS, use the unsubscribe link, the “Find my records” page, or tell staff. It takes effect at once: staff no longer contact you about it and notifications stop.',
    ],
  },
  contact: { title: 'Contact', fallback: 'Please contact your neighbourhood committee.' },
  units: { days: 'days', hours: 'hours' },
}

const NOTICE: Record<Lang, Notice> = { zh, en }

/** The notice in `lang`. */
export const noticeText = (lang: Lang): Notice => NOTICE[lang]
