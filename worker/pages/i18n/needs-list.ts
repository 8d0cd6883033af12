// ── the public 需求清单 (/n/<town>) ── merged into the one dictionary of worker/pages/i18n.ts.

const zh = {
  'needslist.title': '{town}共建需求清单',
  'needslist.intro':
    '这些项目已经立项，正在找共建单位、高校社团和达人一起来做。想认领（举手）的单位，请登录“举手”工作台认领，或联系项目所在居民区的居委会。',
  'needslist.filter': '筛选',
  'needslist.neighborhood': '居民区',
  'needslist.category': '类别',
  'needslist.all': '全部',
  'needslist.none': '目前没有待认领的项目。',
  'needslist.none_filtered': '没有符合条件的待认领项目，换个条件看看。',
  'needslist.whole_project': '整个项目待认领',
  'needslist.needs': '需要',
  'needslist.tasks': '待认领的任务',
  'needslist.more_tasks': '还有 {n} 项任务',
  'needslist.due': '{day} 前',
  'needslist.deadline': '计划 {day} 完成',
  'needslist.board': '看本小区公开栏',
  'needslist.prev': '上一页',
  'needslist.next': '下一页',
  'needslist.page': '第 {n} 页',
  'needslist.not_found_title': '没有找到这个镇的需求清单',
  'needslist.not_found_body': '链接可能有误。请核对后再试，或联系镇里的专班。',
}

const en: Record<keyof typeof zh, string> = {
  'needslist.title': '{town}: projects looking for partners',
  'needslist.intro':
    'These projects have been adopted and look for partner units, university clubs and resident talents to take them on. To raise your hand, sign in to the Jushou staff site, or contact the committee of the project’s neighbourhood.',
  'needslist.filter': 'Filter',
  'needslist.neighborhood': 'Neighbourhood',
  'needslist.category': 'Category',
  'needslist.all': 'All',
  'needslist.none': 'No project is looking for help at the moment.',
  'needslist.none_filtered': 'No project matches; try other filters.',
  'needslist.whole_project': 'The whole project is open',
  'needslist.needs': 'Needs',
  'needslist.tasks': 'Tasks open to take on',
  'needslist.more_tasks': '{n} more tasks',
  'needslist.due': 'by {day}',
  'needslist.deadline': 'Planned for {day}',
  'needslist.board': 'Neighbourhood board',
  'needslist.prev': 'Previous',
  'needslist.next': 'Next',
  'needslist.page': 'Page {n}',
  'needslist.not_found_title': 'No such town',
  'needslist.not_found_body': 'The link may be wrong. Please check it, or ask the town office.',
}

export const needsListMessages = { zh, en }
