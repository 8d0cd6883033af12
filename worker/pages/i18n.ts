// The words of every resident page: one dictionary per language in the one message shape
// (worker/domain/messages.ts), read with `t(lang, key, params)`. Keys are `<page>.<what>`;
// `{name}` is a parameter. Add a feature's keys under its `// ── <feature> ──` comment in BOTH
// `zh` and `en`; `en` must carry every key of `zh` (the type checks it). A feature with many words
// keeps them in i18n/<feature>.ts (its own zh and en, typed the same way), spread into these two
// tables: still one dictionary and one `t`. Bare status and kind names come from
// worker/domain/vocabulary.ts, as the admin shows them (docs/glossary.md).
import type { Context } from 'hono'
import { NO_DATE, showableDate } from '../domain/dates'
import { sentence, translator, type Params } from '../domain/messages'
import {
  ACTIVITY_KIND_LABEL,
  REGISTRATION_STATUS_LABEL,
  type Label,
  type Lang,
} from '../domain/vocabulary'
import { confirmMessages } from './i18n/confirm'
import { meMessages } from './i18n/me'
import { meDataMessages } from './i18n/me-data'
import { needsListMessages } from './i18n/needs-list'
import { notifyMessages } from './i18n/notify'
import { privacyMessages } from './i18n/privacy'

/** Resident pages speak Chinese by default and English on request. */
export type { Lang }

/** A label table as dictionary entries: `prefix` + its key → its name in `lang`. */
const entries = <P extends string, K extends string>(
  prefix: P,
  labels: Record<K, Label>,
  lang: Lang,
) =>
  Object.fromEntries(
    Object.entries<Label>(labels).map(([key, label]) => [prefix + key, label[lang]]),
  ) as Record<`${P}${K}`, string>

/** The names pages show bare: `rs.<registration status>`, `act.kind_<activity kind>`. */
const vocabulary = (lang: Lang) => ({
  ...entries('rs.', REGISTRATION_STATUS_LABEL, lang),
  ...entries('act.kind_', ACTIVITY_KIND_LABEL, lang),
})

const zh = {
  ...vocabulary('zh'),
  // ── common ──
  'site.name': '举手',
  'common.lang_switch': 'English',
  'common.privacy': '个人信息保护说明',
  'common.withdraw': '撤回同意',
  'common.optional': '选填',
  'common.back': '返回',
  'common.errors_title': '请修改以下 {n} 处后再提交：',
  'common.not_found_title': '没有找到这个页面',
  'common.not_found_body': '链接可能有误或已失效。请核对后再试，或联系居委会。',
  'common.rate_limited_title': '操作太频繁了',
  'common.rate_limited_body':
    '请休息一下，约 {minutes} 分钟后再试。您填写的内容都还在，不用重新填写。',
  'common.rate_limited_short': '查询太频繁了，请约 {minutes} 分钟后再试。',
  'common.error_title': '出了点问题',
  'common.error_body': '服务器暂时出错。请按“返回”回到上一页，稍后再提交一次。',
  'common.forbidden_title': '无法提交',
  'common.forbidden_body': '请从本网站的页面提交。',
  'common.too_large_body': '提交的内容太大',
  'common.notice': '{title}。{body}',
  'common.list_sep': '、',
  'common.list_semi': '；',
  'common.stop': '。',
  'common.comma': '，',
  // ── field validation ──
  'err.required': '请填写：{label}',
  'err.too_long': '{label}最多 {max} 个字，现在有 {n} 个字',
  'err.choose': '请选择：{label}',
  'err.phone': '手机号应为 11 位数字，以 1 开头，例如 13812345678',
  'err.contact_phone':
    '请填写 11 位手机号（例如 13812345678），或带区号的座机号（例如 021-56781234）',
  'err.consent': '留下姓名或手机号时，请先勾选同意',
  'err.stale': '页面已过期，请再点一次提交',
  'err.channel_closed': '这个二维码已停用。您填写的内容都还在，可以直接提交给本居民区。',
  // ── topic statuses (what residents read) ──
  'status.submitted': '已提交，等待居委会受理',
  'status.accepted': '居委会已受理',
  'status.adopted': '已立项',
  'status.in_progress': '实施中',
  'status.done': '已完成',
  'status.merged': '已与相同的议题合并',
  'status.declined': '不予采纳',
  'status.referred': '已转办',
  'pstatus.planned': '已立项，准备中',
  'pstatus.in_progress': '实施中',
  'pstatus.blocked': '暂时受阻',
  'pstatus.done': '已完成',
  'pstatus.cancelled': '已取消',
  // ── contact block (needs form, meeting sign-in) ──
  'contact.name': '姓名或称呼',
  'contact.phone': '手机号',
  'contact.phone_hint': '没有手机也可以填座机号，请带上区号',
  'contact.consent': '我同意居委会为上述目的使用我的姓名和手机号',
  // ── needs form ──
  'needs.title': '我有事要反映',
  'needs.intro': '{place}：说说您遇到的问题或希望改进的事。只需 1 分钟，不用注册。',
  'needs.field_title': '一句话说明',
  'needs.hint_title': '例如：3号楼门口路灯不亮',
  'needs.field_details': '详细情况',
  'needs.hint_details': '什么时候、什么情况、希望怎么改（可不填）',
  'needs.field_category': '类别',
  'needs.choose': '请选择',
  'needs.field_where': '地点',
  'needs.hint_where': '楼号/室号或具体位置，例如：12号楼1单元',
  'needs.contact_title': '联系方式（选填）',
  'needs.privacy':
    '留下姓名和手机号，是为了方便居委会工作人员联系您了解情况、告诉您办理结果。只有本居民区的工作人员能看到，不会公开；议题结束一年后删除。不留也可以提交，用查询码就能跟进进度。',
  'needs.submit': '提交',
  'needs.hp': '请勿填写此项',
  'needs.board_link': '看看本居民区大家在反映什么、办得怎么样',
  // ── similar-topic step ──
  'similar.title': '这些事是不是和您说的一样？',
  'similar.intro':
    '邻居们已经反映过下面这些事。如果是同一件事，点“我也需要”附议它，会办得更快；如果不是，请提交您自己的。',
  'similar.support': '我也需要，附议这一条',
  'similar.supporters': '附议 {n} 人',
  'similar.file_anyway': '都不是，提交我自己的',
  'similar.yours': '您填写的内容',
  // ── receipt ──
  'receipt.title': '提交成功，谢谢您！',
  'receipt.support_title': '附议成功，谢谢您！',
  'receipt.code_label': '您的查询码',
  'receipt.keep': '请截图保存这个查询码，以后凭它查看办理进度和参加评议。',
  'receipt.keep_support': '请截图保存这个查询码，以后凭它查看办理进度。',
  'receipt.support_not_counted':
    '同一网络在 10 分钟内已有人附议过这一条，这次不重复计数；您仍可以凭查询码关注进展。',
  'receipt.track': '查看办理进度',
  'receipt.again': '再反映一件事',
  'receipt.board': '看看本居民区的公示栏',
  'receipt.earlier': '您在这部手机上还提交过',
  'receipt.none_title': '这里没有您的回执',
  'receipt.none_body':
    '回执只显示在提交它的手机上（链接里不含查询码，转发给别人也看不到）。请输入截图保存的查询码查看进度；找不到查询码时，可以联系居委会。',
  // ── tracking ──
  'track.title': '办理进度',
  'track.code': '查询码 {code}',
  'track.supporting': '您附议了这一条',
  'track.status': '当前状态',
  'track.timeline': '办理记录',
  'track.reply': '居委会回复',
  'track.referred_to': '转办至：{to}',
  'track.merged': '与下面这条相同的议题合并办理：',
  'track.project': '所属项目',
  'track.owner': '负责单位',
  'track.deadline': '计划完成',
  'track.progress': '进度 {done}/{total} 项',
  'track.checklist': '任务清单',
  'track.updates': '项目动态',
  'track.evaluate': '项目已完成，去评议',
  'track.evaluated': '您已评议过这个项目，谢谢！',
  'track.lookup': '查询办理进度',
  'track.lookup_field': '查询码',
  'track.lookup_hint': '例如 K7Q-4MX',
  'track.lookup_submit': '查询',
  'track.overdue': '已超期',
  'track.show_all': '查看全部记录',
  'event.note': '说明',
  // ── board ──
  'board.title': '{neighborhood} 公示栏',
  'board.intro': '居民提出的事、立项办理的进度和评议结果，全程公开。',
  'board.projects': '项目进度',
  'board.no_projects': '还没有项目。',
  'board.topics': '大家正在反映的事',
  'board.no_topics': '目前没有待办的事。',
  'board.support': '我也需要',
  'board.supported': '已附议',
  'board.supporters': '附议 {n} 人',
  'board.satisfaction': '满意度 {pct}（{n} 人评议）',
  'board.rating_sources': '评议来源：查询码 {code} · 验证手机 {verified} · 纸质 {paper}',
  'board.no_evaluations': '尚无评议',
  'board.new': '我也要反映一件事',
  'board.done_count': '已完成的项目（共 {n} 个）',
  // ── a project's public page (/b/<slug>/p/<id>) ──
  'project.latest': '最新说明（{date}）：{text}',
  'project.no_reason': '居委会还没有说明原因。',
  'project.topics': '居民反映的事',
  'project.back': '回到公示栏',
  // ── evaluation ──
  'eval.title': '评议：{project}',
  'eval.intro': '这个项目已经完成。请说说办得怎么样，每个查询码只能评议一次。',
  'eval.resolved': '问题解决了吗？',
  'eval.solved': '解决了',
  'eval.partly': '部分解决',
  'eval.not': '没有解决',
  'eval.satisfaction': '满意程度',
  'eval.s1': '1 很不满意',
  'eval.s2': '2 不满意',
  'eval.s3': '3 一般',
  'eval.s4': '4 满意',
  'eval.s5': '5 很满意',
  'eval.comment': '想说的话',
  'eval.submit': '提交评议',
  'eval.thanks': '谢谢您的评议！',
  'eval.thanks_body': '您的评议已经收到。评议结果会和其他居民的一起显示在公示栏上。',
  'eval.not_done': '项目还没有完成，完成后才能评议。',
  'eval.already': '这个查询码已经评议过了，谢谢！',
  'eval.no_project': '这条议题还没有对应的项目，暂时不能评议。',
  'eval.no_voice':
    '谢谢您的附议！您的附议已经计入。为了每位居民只算一次，评议由提出议题的居民和验证手机的附议居民来做；手机验证开通后，您就可以凭这个查询码评议了。',
  // ── poster ──
  'poster.heading': '有事找居委，扫码说一说',
  'poster.step1': '用微信或手机相机扫描二维码',
  'poster.step2': '写下您遇到的问题或建议，1 分钟完成',
  'poster.step3': '保存查询码，随时查看办理进度',
  'poster.print': '用 A4 纸打印本页',
  'poster.footer': '不用注册，不留姓名也可以。',
  'poster.or_open': '或在浏览器打开',
  'poster.committee': '{name}居委会',
  'poster.contact': '不方便扫码？请打电话给{committee}：',
  'poster.batch_title': '{name} · 全部二维码海报',
  'poster.batch_print': '共 {n} 张，每张一页：用 A4 纸打印本页。',
  'poster.batch_empty': '这个居民区还没有启用的二维码点位。',
  'poster.login_body': '批量打印海报只对工作人员开放。请先在管理后台登录，再回到本页。',
  // ── activities ──
  'act.place': '地点：{place}',
  'act.audience': '对象：{audience}',
  'act.opens_at': '报名将于 {time} 开始。开始前提交不会被接受，名额按提交先后确认。',
  'act.closes_at': '报名截止：{time}',
  'act.closed': '报名已截止。',
  'act.cancelled': '本活动已取消。',
  'act.sessions': '场次',
  'act.shifts': '班次',
  'act.seats_left': '剩余 {n} 个名额（共 {cap} 个）',
  'act.full': '名额已满，可报名候补（已有 {n} 人候补）',
  'act.started': '已开始，不能再报名',
  'act.ended': '已结束',
  'act.register': '报名',
  'act.register_waitlist': '报名候补',
  'act.no_sessions': '还没有安排场次。',
  'act.volunteer_link': '志愿者：查看我的班次和时长',
  'act.max_party': '每份报名最多 {n} 人',
  'reg.title': '报名：{activity}',
  'reg.name': '姓名',
  'reg.phone': '手机号',
  'reg.phone_hint': '用于确认报名和活动通知，不会公开',
  'reg.party': '参加人数',
  'reg.party_hint': '包括您自己，最多 {n} 人',
  'reg.questions': '其他信息',
  'reg.privacy': '您的姓名和手机号只用于本次活动的报名、签到和联系，只有本居民区工作人员能看到。',
  'reg.submit': '提交报名',
  'reg.waitlist_note': '名额已满，提交后进入候补；有人取消时按提交先后自动递补。',
  'reg.refused_title': '未能报名',
  'reg.duplicate': '这个手机号已经报名了这一场，不用再报。',
  'reg.open_mine': '打开我的报名回执',
  'reg.find_link':
    '报名回执就是报名成功后打开的那个页面，凭它查看、取消报名和签到；可以在浏览器的历史记录或收藏里找到它。找不到时，请联系居委会工作人员，报上手机号，他们能查到您的报名。',
  'reg.not_open_title': '报名尚未开始',
  'reg.back': '返回活动页',
  'rr.title_confirmed': '报名成功',
  'rr.title_waitlisted': '已进入候补',
  'rr.title_cancelled': '报名已取消',
  'rr.title_checked_in': '已签到',
  'rr.title_no_show': '未到场',
  'rr.confirmed': '您的名额已确认。请按时参加，到场时出示下面的签到二维码。',
  'rr.promoted': '有人取消，您已从候补递补成功。',
  'rr.waitlisted':
    '您现在是候补第 {n} 位。有人取消时按先后顺序自动递补，递补后本页会显示“报名成功”。',
  'rr.cancelled': '这份报名已取消。',
  'rr.checked_in': '签到时间：{time}。欢迎参加！',
  'rr.no_show': '这一场已结束，没有签到记录。',
  'rr.keep': '请收藏或截图本页：凭它查看、取消报名和签到。',
  'rr.activity': '活动',
  'rr.time': '时间',
  'rr.where': '地点',
  'rr.who': '报名人',
  'rr.party': '人数',
  'rr.party_n': '{n} 人',
  'rr.qr': '签到二维码',
  'rr.qr_hint': '到场后请出示给工作人员扫描。',
  'rr.ics': '加入手机日历（.ics 文件）',
  'rr.cancel': '取消报名',
  'rr.cancel_title': '确定取消报名吗？',
  'rr.cancel_body': '取消后名额会让给候补的人，不能恢复。',
  'rr.cancel_confirm': '确认取消',
  'rr.cancel_keep': '不取消，返回',
  'rr.cancel_done': '已取消报名。谢谢您及时告知，名额已让给候补的人。',
  'rr.volunteer_code': '志愿者查询码',
  'rr.volunteer_hint': '凭手机号和这个查询码，可以查看您的班次和志愿时长。',
  'rr.volunteer_link': '查看我的志愿服务',
  'ci.title': '活动签到',
  'ci.show_staff': '请把这个页面出示给工作人员签到。',
  'ci.staff_login': '工作人员：登录后会回到本页，再点签到。',
  'ci.login': '工作人员登录',
  'ci.button': '签到',
  'ci.done': '签到成功：{name}，{n} 人',
  'ci.refused': '不能签到：{reason}',
  'ci.back': '返回签到名单',
  'sc.title': '现场签到',
  'sc.counts': '已签到 {checked} 份 · 待签到 {waiting} 份 · 名额 {taken}/{cap} 人',
  'sc.scan': '用手机相机或微信扫描报名人的签到二维码，会打开签到页面。',
  'sc.search': '按手机后四位或姓名查找',
  'sc.search_button': '查找',
  'sc.none': '没有找到报名。',
  'sc.list': '报名名单',
  'sc.no_show': '把未签到的都标记为未到场',
  'sc.no_show_done': '已标记 {n} 份为未到场。',
  'sc.no_show_hint': '场次结束后可以把仍未签到的报名标记为未到场。',
  'sc.login_title': '请先登录',
  'sc.login_body': '签到页面只对工作人员开放。登录后会自动回到本页。',
  'vol.title': '我的志愿服务',
  'vol.intro': '输入报名时填写的手机号和报名回执上的志愿者查询码。',
  'vol.phone': '手机号',
  'vol.code': '志愿者查询码',
  'vol.code_hint': '6 位字母和数字，印在报名回执上',
  'vol.submit': '查看',
  'vol.wrong': '手机号或查询码不对，请核对后再试。',
  'vol.hours': '累计志愿时长：{h} 小时',
  'vol.shifts_done': '已完成 {n} 个班次',
  'vol.upcoming': '即将到来的班次',
  'vol.history': '服务记录',
  'vol.none': '暂无',
  'vol.hours_n': '{h} 小时',
  'ap.heading': '扫码报名',
  'ap.step1': '用微信或手机相机扫描二维码',
  'ap.step2': '选择场次，填写姓名和手机号',
  'ap.step3': '保存报名回执，到场出示签到二维码',
  'ap.opens': '{time} 开始报名',
  'sc.sessions': '近期场次',
  'sc.sessions_hint': '选择正在进行或即将开始的场次，进入签到名单。',
  'sc.no_sessions': '近 7 天没有场次。',
  // ── forms (/s/<slug>) ──
  'form.submit': '提交',
  'form.not_found_title': '问卷不存在',
  'form.not_found_body': '这个问卷不存在或已删除，请核对二维码或链接。',
  'form.not_open_title': '尚未开始',
  'form.not_open_body': '本问卷将于 {time} 开放填写，请到时再来。',
  'form.closed_title': '已结束',
  'form.closed_body': '本问卷已停止收集，感谢关注。',
  'form.full_title': '已收满',
  'form.full_body': '本问卷已达到份数上限，停止收集，感谢关注。',
  'form.preview': '预览：问卷尚未发布，居民还看不到，提交不会保存。',
  'form.closes_at': '截止时间：{time}',
  'form.remaining': '还可提交 {n} 份',
  'form.duplicate_phone': '这个手机号已经提交过了，每个手机号只能填一次',
  'form.one_per_phone': '每个手机号只能填写一次。已经用这个手机号填过的，不用再填。',
  'form.expired': '页面已过期，请检查后再提交一次',
  'form.rate_limited_title': '提交太频繁',
  'form.rate_limited_body': '请 {s} 秒后再试。',
  'form.thanks_title': '提交成功',
  'form.thanks_body': '感谢参与！您的回答已收到。',
  'form.receipt': '回执号',
  'form.submitted_at': '提交时间',
  'form.keep_receipt': '如需更正，请向居委会报上回执号。',
  'form.back': '返回问卷',
  'form.building': '楼号',
  'form.room': '室号',
  'form.scan': '扫码填写',
  // ── meetings (/m/<code>, and on the board) ──
  'meet.title': '{kind}签到',
  'meet.when': '时间：{time}',
  'meet.place': '地点：{place}',
  'meet.host': '主持：{host}',
  'meet.agenda': '本次议题',
  'meet.count': '已签到 {n} 人',
  'meet.intro': '欢迎参加！点下面的“签到”就算到会。姓名和手机号可以不填。',
  'meet.contact_title': '姓名和手机号（选填）',
  'meet.privacy':
    '留下姓名和手机号，是为了居委会记录到会情况、会后告诉您议定的结果。只有本居民区的工作人员能看到，不会公开。',
  'meet.submit': '签到',
  'meet.done_title': '签到成功',
  'meet.done': '谢谢您参加！您是第 {n} 位签到的居民。',
  'meet.done_phone': '登记的手机号：{phone}',
  'meet.taken_title': '已经签到过了',
  'meet.taken': '这个手机号已经签到过了，不用再签。谢谢您参加！',
  'meet.not_yet': '签到将于 {time} 开始，请到时再扫码。',
  'meet.closed': '本次会议的签到已经结束。',
  'meet.cancelled': '本次会议已取消。',
  'meet.upcoming': '近期议事',
  'meet.agenda_line': '议题：{topics}',
  'meet.minutes': '议事纪要',
  'meet.attendance': '到会 {n} 人',
  'meet.tally': '到会 {present} 人，赞成 {for}、反对 {against}、弃权 {abstain}',
  'meet.referred_to': '{decision}至{to}',
  'meet.adopted_as': '{decision}「{project}」',
  // ── features with their own file (worker/pages/i18n/<feature>.ts) ──
  ...notifyMessages.zh,
  ...needsListMessages.zh,
  ...privacyMessages.zh,
  ...meMessages.zh,
  ...meDataMessages.zh,
  ...confirmMessages.zh,
} as const

export type MessageKey = keyof typeof zh

const en: Record<MessageKey, string> = {
  ...vocabulary('en'),
  // ── common ──
  'site.name': 'Raise a Hand',
  'common.lang_switch': '中文',
  'common.privacy': 'Privacy notice',
  'common.withdraw': 'Withdraw consent',
  'common.optional': 'optional',
  'common.back': 'Back',
  'common.errors_title': 'Please fix {n} problem(s) before sending:',
  'common.not_found_title': 'Page not found',
  'common.not_found_body':
    'The link may be wrong or expired. Please check it or ask the committee.',
  'common.rate_limited_title': 'Too many tries',
  'common.rate_limited_body':
    'Please wait about {minutes} minute(s) and try again. What you typed is still here.',
  'common.rate_limited_short': 'Too many lookups. Please try again in about {minutes} minute(s).',
  'common.error_title': 'Something went wrong',
  'common.error_body':
    'The server had a problem. Please go back to the previous page and send again later.',
  'common.forbidden_title': 'Cannot send',
  'common.forbidden_body': 'Please send the form from this site.',
  'common.too_large_body': 'What you sent is too large.',
  'common.notice': '{title}. {body}',
  'common.list_sep': ', ',
  'common.list_semi': '; ',
  'common.stop': '. ',
  'common.comma': ', ',
  // ── field validation ──
  'err.required': 'Please fill in: {label}',
  'err.too_long': '{label} can have at most {max} characters (now {n})',
  'err.choose': 'Please choose: {label}',
  'err.phone': 'A mobile number has 11 digits starting with 1, e.g. 13812345678',
  'err.contact_phone':
    'Please enter an 11-digit mobile number (e.g. 13812345678) or a landline with its area code (e.g. 021-56781234)',
  'err.consent': 'Please tick the consent box when you leave a name or phone number',
  'err.stale': 'The page expired; please press send once more',
  'err.channel_closed':
    'This QR point is no longer in use. Everything you typed is still here; you can send it to the neighbourhood directly.',
  // ── topic statuses ──
  'status.submitted': 'Received, waiting for the committee',
  'status.accepted': 'Accepted by the committee',
  'status.adopted': 'Taken on as a project',
  'status.in_progress': 'In progress',
  'status.done': 'Done',
  'status.merged': 'Merged with the same request',
  'status.declined': 'Not taken on',
  'status.referred': 'Passed to another department',
  'pstatus.planned': 'Planned',
  'pstatus.in_progress': 'In progress',
  'pstatus.blocked': 'Blocked for now',
  'pstatus.done': 'Done',
  'pstatus.cancelled': 'Cancelled',
  // ── contact block (needs form, meeting sign-in) ──
  'contact.name': 'Name',
  'contact.phone': 'Mobile number',
  'contact.phone_hint': 'Or a landline with its area code',
  'contact.consent': 'I agree that the committee uses my name and phone for this purpose',
  // ── needs form ──
  'needs.title': 'Tell us about a problem',
  'needs.intro': '{place}: tell us a problem or a wish. It takes a minute, no sign-up.',
  'needs.field_title': 'In one sentence',
  'needs.hint_title': 'e.g. The street lamp at building 3 is out',
  'needs.field_details': 'Details',
  'needs.hint_details': 'When, what happened, what should change (optional)',
  'needs.field_category': 'Category',
  'needs.choose': 'Please choose',
  'needs.field_where': 'Where',
  'needs.hint_where': 'Building/room or place, e.g. Bldg 12 Unit 1',
  'needs.contact_title': 'Contact (optional)',
  'needs.privacy':
    'Your name and phone are used only so committee staff can ask you about this and tell you the result. Only staff of this neighbourhood see them; they are never public and are deleted one year after the matter is closed. You may send without them and follow it with the tracking code.',
  'needs.submit': 'Send',
  'needs.hp': 'Leave this empty',
  'needs.board_link': 'See what neighbours raised and how it is going',
  // ── similar-topic step ──
  'similar.title': 'Is it one of these?',
  'similar.intro':
    'Neighbours already raised the matters below. If yours is the same, support it: it gets done sooner. If not, send your own.',
  'similar.support': 'Me too: support this one',
  'similar.supporters': '{n} supporter(s)',
  'similar.file_anyway': 'None of these, send mine',
  'similar.yours': 'What you wrote',
  // ── receipt ──
  'receipt.title': 'Sent. Thank you!',
  'receipt.support_title': 'Support recorded. Thank you!',
  'receipt.code_label': 'Your tracking code',
  'receipt.keep':
    'Take a screenshot of this code: use it to follow progress and to rate the result.',
  'receipt.keep_support': 'Take a screenshot of this code: use it to follow progress.',
  'receipt.support_not_counted':
    'Someone on the same network supported this within the last 10 minutes, so this one is not counted again; you can still follow progress with your code.',
  'receipt.track': 'See progress',
  'receipt.again': 'Raise another matter',
  'receipt.board': 'See the neighbourhood board',
  'receipt.earlier': 'Also sent from this phone',
  'receipt.none_title': 'No receipt here',
  'receipt.none_body':
    'A receipt shows only on the phone that sent it (its link holds no tracking code, so passing it on shows nothing). Enter the tracking code you kept to see progress; if you cannot find it, ask the committee.',
  // ── tracking ──
  'track.title': 'Progress',
  'track.code': 'Tracking code {code}',
  'track.supporting': 'You support this matter',
  'track.status': 'Status',
  'track.timeline': 'History',
  'track.reply': 'Committee reply',
  'track.referred_to': 'Passed to: {to}',
  'track.merged': 'Handled together with this same request:',
  'track.project': 'Project',
  'track.owner': 'Owning body',
  'track.deadline': 'Due',
  'track.progress': 'Progress {done}/{total} items',
  'track.checklist': 'Checklist',
  'track.updates': 'Project updates',
  'track.evaluate': 'The project is done: rate it',
  'track.evaluated': 'You have rated this project. Thank you!',
  'track.lookup': 'Follow a matter',
  'track.lookup_field': 'Tracking code',
  'track.lookup_hint': 'e.g. K7Q-4MX',
  'track.lookup_submit': 'Look up',
  'track.overdue': 'Overdue',
  'track.show_all': 'Show the full history',
  'event.note': 'Note',
  // ── board ──
  'board.title': '{neighborhood} board',
  'board.intro': 'What residents raised, project progress and ratings, all public.',
  'board.projects': 'Projects',
  'board.no_projects': 'No projects yet.',
  'board.topics': 'Matters raised',
  'board.no_topics': 'Nothing open right now.',
  'board.support': 'Me too',
  'board.supported': 'Supported',
  'board.supporters': '{n} supporter(s)',
  'board.satisfaction': 'Satisfaction {pct} ({n} rating(s))',
  'board.rating_sources':
    'Ratings from: tracking codes {code} · verified phones {verified} · paper {paper}',
  'board.no_evaluations': 'No ratings yet',
  'board.new': 'Raise a matter',
  'board.done_count': 'Done projects ({n} in all)',
  // ── a project's public page (/b/<slug>/p/<id>) ──
  'project.latest': 'Latest word ({date}): {text}',
  'project.no_reason': 'The committee has not said why yet.',
  'project.topics': 'What residents raised',
  'project.back': 'Back to the board',
  // ── evaluation ──
  'eval.title': 'Rate: {project}',
  'eval.intro': 'This project is done. Tell us how it went; each tracking code can rate once.',
  'eval.resolved': 'Was the problem solved?',
  'eval.solved': 'Solved',
  'eval.partly': 'Partly solved',
  'eval.not': 'Not solved',
  'eval.satisfaction': 'Satisfaction',
  'eval.s1': '1 Very unhappy',
  'eval.s2': '2 Unhappy',
  'eval.s3': '3 Neutral',
  'eval.s4': '4 Happy',
  'eval.s5': '5 Very happy',
  'eval.comment': 'Comment',
  'eval.submit': 'Send rating',
  'eval.thanks': 'Thank you for your rating!',
  'eval.thanks_body':
    'Your rating was received. It shows on the neighbourhood board together with other residents’ ratings.',
  'eval.not_done': 'The project is not done yet; you can rate it once it is.',
  'eval.already': 'This tracking code has already rated the project. Thank you!',
  'eval.no_project': 'This matter has no project yet, so it cannot be rated.',
  'eval.no_voice':
    'Thank you for your support: it is counted. So that each resident counts once, ratings come from those who raised the matter and from supporters with a verified phone; once phone verification opens, you can rate with this code.',
  // ── poster ──
  'poster.heading': 'Something to raise? Scan and tell us',
  'poster.step1': 'Scan the QR code with WeChat or your camera',
  'poster.step2': 'Write the problem or idea: one minute',
  'poster.step3': 'Keep the tracking code to follow progress',
  'poster.print': 'Print this page on A4',
  'poster.footer': 'No sign-up; your name is optional.',
  'poster.or_open': 'or open',
  'poster.committee': "{name} residents' committee",
  'poster.contact': 'Cannot scan? Call the {committee}: ',
  'poster.batch_title': '{name} · all QR posters',
  'poster.batch_print': '{n} posters, one per page: print this page on A4.',
  'poster.batch_empty': 'This neighborhood has no active QR point yet.',
  'poster.login_body':
    'Printing all posters is for staff only. Sign in to the admin, then come back to this page.',
  // ── activities ──
  'act.place': 'Place: {place}',
  'act.audience': 'For: {audience}',
  'act.opens_at':
    'Registration opens at {time}. Earlier sign-ups are not accepted; places go in order of arrival.',
  'act.closes_at': 'Registration closes: {time}',
  'act.closed': 'Registration has closed.',
  'act.cancelled': 'This activity has been cancelled.',
  'act.sessions': 'Sessions',
  'act.shifts': 'Shifts',
  'act.seats_left': '{n} of {cap} places left',
  'act.full': 'Full: you can join the waiting list ({n} waiting)',
  'act.started': 'Started: registration closed',
  'act.ended': 'Ended',
  'act.register': 'Register',
  'act.register_waitlist': 'Join the waiting list',
  'act.no_sessions': 'No sessions yet.',
  'act.volunteer_link': 'Volunteers: see my shifts and hours',
  'act.max_party': 'Up to {n} people per registration',
  'reg.title': 'Register: {activity}',
  'reg.name': 'Name',
  'reg.phone': 'Mobile number',
  'reg.phone_hint': 'To confirm your place and reach you; never public',
  'reg.party': 'Number of people',
  'reg.party_hint': 'Including you, at most {n}',
  'reg.questions': 'More information',
  'reg.privacy':
    'Your name and phone are used only for this activity (registration, check-in, contact) and seen only by staff of this neighbourhood.',
  'reg.submit': 'Register',
  'reg.waitlist_note':
    'It is full: you will join the waiting list and move up in order when someone cancels.',
  'reg.refused_title': 'Could not register',
  'reg.duplicate':
    'This phone number is already registered for this session; no need to register again.',
  'reg.open_mine': 'Open my registration',
  'reg.find_link':
    'Your registration is the page that opened after you registered: it lets you view, cancel and check in, and you can find it in the browser history or bookmarks. If you cannot, ask the committee staff with your phone number: they can look it up.',
  'reg.not_open_title': 'Registration has not opened yet',
  'reg.back': 'Back to the activity',
  'rr.title_confirmed': 'You are registered',
  'rr.title_waitlisted': 'You are on the waiting list',
  'rr.title_cancelled': 'Registration cancelled',
  'rr.title_checked_in': 'Checked in',
  'rr.title_no_show': 'No-show',
  'rr.confirmed':
    'Your place is confirmed. Please come on time and show the check-in QR code below.',
  'rr.promoted': 'Someone cancelled: you moved up from the waiting list.',
  'rr.waitlisted':
    'You are number {n} on the waiting list. When someone cancels, people move up in order; this page then says "You are registered".',
  'rr.cancelled': 'This registration was cancelled.',
  'rr.checked_in': 'Checked in at {time}. Welcome!',
  'rr.no_show': 'This session is over and has no check-in for you.',
  'rr.keep': 'Bookmark or screenshot this page: it lets you view, cancel and check in.',
  'rr.activity': 'Activity',
  'rr.time': 'Time',
  'rr.where': 'Place',
  'rr.who': 'Name',
  'rr.party': 'People',
  'rr.party_n': '{n}',
  'rr.qr': 'Check-in QR code',
  'rr.qr_hint': 'Show it to the staff when you arrive.',
  'rr.ics': 'Add to my calendar (.ics file)',
  'rr.cancel': 'Cancel registration',
  'rr.cancel_title': 'Cancel this registration?',
  'rr.cancel_body': 'Your place goes to the next person waiting; this cannot be undone.',
  'rr.cancel_confirm': 'Yes, cancel',
  'rr.cancel_keep': 'No, go back',
  'rr.cancel_done':
    'Cancelled. Thank you for letting us know: your place went to the next person waiting.',
  'rr.volunteer_code': 'Volunteer code',
  'rr.volunteer_hint': 'With your phone number and this code you can see your shifts and hours.',
  'rr.volunteer_link': 'See my volunteering',
  'ci.title': 'Check-in',
  'ci.show_staff': 'Please show this page to the staff to check in.',
  'ci.staff_login': 'Staff: sign in and you will come back to this page to check in.',
  'ci.login': 'Staff sign-in',
  'ci.button': 'Check in',
  'ci.done': 'Checked in: {name}, {n} people',
  'ci.refused': 'Cannot check in: {reason}',
  'ci.back': 'Back to the list',
  'sc.title': 'Check-in',
  'sc.counts': '{checked} checked in · {waiting} expected · places {taken}/{cap}',
  'sc.scan':
    'Scan the registration QR code with the phone camera or WeChat: it opens the check-in page.',
  'sc.search': 'Find by last four phone digits or name',
  'sc.search_button': 'Find',
  'sc.none': 'No registration found.',
  'sc.list': 'Registrations',
  'sc.no_show': 'Mark everyone not checked in as no-show',
  'sc.no_show_done': '{n} marked as no-show.',
  'sc.no_show_hint':
    'After the session ends, registrations still not checked in can be marked as no-shows.',
  'sc.login_title': 'Please sign in',
  'sc.login_body': 'Check-in is for staff only. Sign in and you will come back to this page.',
  'vol.title': 'My volunteering',
  'vol.intro': 'Enter the phone number you registered with and the volunteer code on your receipt.',
  'vol.phone': 'Mobile number',
  'vol.code': 'Volunteer code',
  'vol.code_hint': '6 letters and digits, printed on your receipt',
  'vol.submit': 'Show',
  'vol.wrong': 'Phone number or code does not match. Please check and try again.',
  'vol.hours': 'Total volunteer time: {h} hours',
  'vol.shifts_done': '{n} shift(s) done',
  'vol.upcoming': 'Upcoming shifts',
  'vol.history': 'History',
  'vol.none': 'None',
  'vol.hours_n': '{h} h',
  'ap.heading': 'Scan to register',
  'ap.step1': 'Scan the QR code with WeChat or your camera',
  'ap.step2': 'Choose a session, enter your name and phone',
  'ap.step3': 'Keep the receipt; show its check-in QR when you arrive',
  'ap.opens': 'Registration opens {time}',
  'sc.sessions': 'Sessions now and soon',
  'sc.sessions_hint': 'Choose a session under way or about to start to open its check-in list.',
  'sc.no_sessions': 'No sessions in the next 7 days.',
  // ── forms (/s/<slug>) ──
  'form.submit': 'Submit',
  'form.not_found_title': 'Form not found',
  'form.not_found_body':
    'This form does not exist or was removed. Please check the QR code or link.',
  'form.not_open_title': 'Not open yet',
  'form.not_open_body': 'This form opens at {time}. Please come back then.',
  'form.closed_title': 'Closed',
  'form.closed_body': 'This form no longer takes answers. Thank you for your interest.',
  'form.full_title': 'Full',
  'form.full_body': 'This form has reached its limit of answers. Thank you for your interest.',
  'form.preview':
    'Preview: this form is not published; residents cannot see it and answers are not saved.',
  'form.closes_at': 'Closes at {time}',
  'form.remaining': '{n} places left',
  'form.duplicate_phone': 'This phone number has already answered; one answer per phone',
  'form.one_per_phone':
    'One answer per phone number. If you already answered with your phone, there is no need to answer again.',
  'form.expired': 'This page expired. Please check and submit again',
  'form.rate_limited_title': 'Too many submissions',
  'form.rate_limited_body': 'Please try again in {s} seconds.',
  'form.thanks_title': 'Sent',
  'form.thanks_body': 'Thank you! Your answers were received.',
  'form.receipt': 'Receipt number',
  'form.submitted_at': 'Sent at',
  'form.keep_receipt':
    'To correct an answer, tell the neighbourhood committee this receipt number.',
  'form.back': 'Back to the form',
  'form.building': 'Building',
  'form.room': 'Room',
  'form.scan': 'Scan to fill in',
  // ── meetings (/m/<code>, and on the board) ──
  'meet.title': '{kind}: sign in',
  'meet.when': 'Time: {time}',
  'meet.place': 'Place: {place}',
  'meet.host': 'Chair: {host}',
  'meet.agenda': 'On the agenda',
  'meet.count': '{n} signed in',
  'meet.intro': 'Welcome! Press “Sign in” below to count as present. Name and phone are optional.',
  'meet.contact_title': 'Name and phone (optional)',
  'meet.privacy':
    'Your name and phone let the committee record who came and tell you what was decided. Only staff of this neighbourhood see them; they are never public.',
  'meet.submit': 'Sign in',
  'meet.done_title': 'Signed in',
  'meet.done': 'Thank you for coming! You are number {n} to sign in.',
  'meet.done_phone': 'Phone on record: {phone}',
  'meet.taken_title': 'Already signed in',
  'meet.taken': 'This phone number has already signed in; no need to sign in again. Thank you!',
  'meet.not_yet': 'Sign-in opens at {time}; please scan again then.',
  'meet.closed': 'Sign-in for this meeting has closed.',
  'meet.cancelled': 'This meeting has been cancelled.',
  'meet.upcoming': 'Coming meetings',
  'meet.agenda_line': 'Agenda: {topics}',
  'meet.minutes': 'Meeting minutes',
  'meet.attendance': '{n} present',
  'meet.tally': '{present} present: {for} for, {against} against, {abstain} abstaining',
  'meet.referred_to': '{decision} to {to}',
  'meet.adopted_as': '{decision}: “{project}”',
  ...notifyMessages.en,
  ...needsListMessages.en,
  ...privacyMessages.en,
  ...meMessages.en,
  ...meDataMessages.en,
  ...confirmMessages.en,
}

const message = translator<MessageKey>({ zh, en })

/** Every message of the resident pages in `lang` (tests scan the English ones). */
export const dictionary = (lang: Lang): Record<MessageKey, string> => (lang === 'zh' ? zh : en)

/**
 * A message in `lang`, with `{name}` parameters filled in (unknown parameters stay as written);
 * an error (`err.*`) always reads as a finished sentence.
 * @example t('zh', 'err.too_long', { label: '标题', max: 60, n: 72 }) // '标题最多 60 个字，现在有 72 个字。'
 */
export const t = (lang: Lang, key: MessageKey, params?: Params) =>
  key.startsWith('err.') ? sentence(lang, message(lang, key, params)) : message(lang, key, params)

/** The colon between a label and its value: full-width in Chinese, `: ` in English. */
export const colon = (lang: Lang) => (lang === 'zh' ? '：' : ': ')

/**
 * `text` in brackets as `lang` writes them.
 * @example bracketed('en', 'optional') // ' (optional)'
 */
export const bracketed = (lang: Lang, text: string | number) =>
  lang === 'zh' ? `（${text}）` : ` (${text})`

/**
 * A link to `path` in `lang`: English pages link on in English, Chinese (the default) plain.
 * @example langHref('en', '/privacy') // '/privacy?lang=en'
 */
export const langHref = (lang: Lang, path: string) =>
  lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path

/** The `lang` attribute of a page in `lang`. */
export const htmlLang = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en')

/** The other language (the header's switch). */
export const otherLang = (lang: Lang): Lang => (lang === 'zh' ? 'en' : 'zh')

/**
 * A name staff keep in both languages (a category's), in `lang`.
 * @example nameIn('en', '停车', 'Parking') // 'Parking'
 */
export const nameIn = <T>(lang: Lang, zh: T, en: T) => (lang === 'en' ? en : zh)

/**
 * The page language: `?lang=en|zh` wins, else the browser's first preference between Chinese
 * and English (Accept-Language, by q-value), else Chinese.
 * @example const lang = langOf(c) // 'zh'
 */
export const langOf = (c: Context): Lang => {
  const asked = c.req.query('lang')
  if (asked === 'en' || asked === 'zh') return asked
  return langFromHeader(c.req.header('accept-language'))
}

/** Parses Accept-Language; the first of zh/en by preference, Chinese when neither is listed. */
export const langFromHeader = (header: string | undefined): Lang => {
  if (!header) return 'zh'
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...attrs] = part.trim().toLowerCase().split(';')
      const q = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='))
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1, i }
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh'
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
  }
  return 'zh'
}

/**
 * Formats an epoch-ms time as a Shanghai date (and time) for resident pages; a stored time no
 * date can hold shows as `—` instead of failing the page (domain/dates rule 2).
 * @example formatDate(Date.UTC(2026, 4, 1, 2), 'zh') // '2026-05-01'
 */
export const formatDate = (ms: number, _lang: Lang, withTime = false): string => {
  const when = showableDate(ms)
  if (!when) return NO_DATE
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  }).formatToParts(when)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const date = `${get('year')}-${get('month')}-${get('day')}`
  return withTime ? `${date} ${get('hour')}:${get('minute')}` : date
}
