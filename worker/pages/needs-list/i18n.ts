import type { Lang } from '../i18n'

// The words of the public 需求清单 (the language comes from worker/pages/i18n.ts `langOf`).

const zh = {
  title: (town: string) => `${town}共建需求清单`,
  intro:
    '这些项目已经立项，正在找共建单位、高校社团和达人一起来做。想认领（举手）的单位，请登录“举手”工作台认领，或联系项目所在居民区的居委会。',
  filter: '筛选',
  neighborhood: '居民区',
  category: '类别',
  all: '全部',
  none: '目前没有待认领的项目。',
  noneFiltered: '没有符合条件的待认领项目，换个条件看看。',
  wholeProject: '整个项目待认领',
  needs: '需要',
  tasks: '待认领的任务',
  moreTasks: (n: number) => `还有 ${n} 项任务`,
  due: (day: string) => `${day} 前`,
  deadline: (day: string) => `计划 ${day} 完成`,
  board: '看本小区公开栏',
  prev: '上一页',
  next: '下一页',
  page: (n: number) => `第 ${n} 页`,
  notFoundTitle: '没有找到这个镇的需求清单',
  notFoundBody: '链接可能有误。请核对后再试，或联系镇里的专班。',
}

export type NeedsWords = typeof zh

const en: NeedsWords = {
  title: (town: string) => `${town}: projects looking for partners`,
  intro:
    'These projects have been adopted and look for partner units, university clubs and resident talents to take them on. To raise your hand, sign in to the Jushou staff site, or contact the committee of the project’s neighbourhood.',
  filter: 'Filter',
  neighborhood: 'Neighbourhood',
  category: 'Category',
  all: 'All',
  none: 'No project is looking for help at the moment.',
  noneFiltered: 'No project matches; try other filters.',
  wholeProject: 'The whole project is open',
  needs: 'Needs',
  tasks: 'Tasks open to take on',
  moreTasks: (n: number) => `${n} more tasks`,
  due: (day: string) => `by ${day}`,
  deadline: (day: string) => `Planned for ${day}`,
  board: 'Neighbourhood board',
  prev: 'Previous',
  next: 'Next',
  page: (n: number) => `Page ${n}`,
  notFoundTitle: 'No such town',
  notFoundBody: 'The link may be wrong. Please check it, or ask the town office.',
}

export const needsWords: Record<Lang, NeedsWords> = { zh, en }
