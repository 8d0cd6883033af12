import { CHANNEL_KIND_LABEL, type Lang, namesIn } from '@domain/vocabulary'

// The words of the 台账 screen. The API labels figures in Chinese for the workbook; the screen
// labels them by their keys (`reports.figure.<section>.<figure>`), in either language.
const channels = (lang: Lang) =>
  Object.fromEntries(
    Object.entries(namesIn(CHANNEL_KIND_LABEL, lang)).map(([k, v]) => [
      `channel.${k}`,
      lang === 'zh' ? `其中：${v}` : `of which: ${v}`,
    ]),
  ) as Record<string, string>

const zh = {
  reports: {
    menu: '台账',
    title: '台账',
    scope: '范围',
    scopeAll: '我能看到的全部',
    scopeTown: '一个镇',
    scopeNeighborhood: '一个居民区',
    town: '镇',
    neighborhood: '居民区',
    period: '时间段',
    thisYear: '今年',
    lastYear: '去年',
    thisMonth: '本月',
    custom: '自定义',
    from: '从',
    to: '到（含）',
    export: '导出台账（Excel）',
    compared: '与去年同期（%{from} 至 %{to}）相比',
    columns: {
      figure: '指标',
      value: '本期',
      lastYear: '去年同期',
      change: '变化',
      changePct: '变化率',
    },
    charts: { collected: '议题收集（按渠道）', decided: '议题处理', visits: '参与人次' },
    series: { value: '本期', lastYear: '去年同期' },
    section: {
      collected: '议题收集',
      decided: '议题处理',
      projects: '项目',
      satisfaction: '满意度',
      activities: '活动',
      visits: '参与人次',
      volunteers: '志愿者',
    },
    figure: {
      collected: {
        total: '收集议题',
        ...channels('zh'),
        'channel.none': '其中：未注明渠道',
        mergedDuplicates: '合并的重复议题（未计入）',
      },
      decided: {
        total: '处理议题（每个议题计一次）',
        accepted: '受理',
        adopted: '立项',
        declined: '不予采纳',
        referred: '转办',
        merged: '合并',
      },
      projects: {
        adopted: '立项项目',
        done: '完成项目',
        doneWithDeadline: '其中有截止日期的',
        doneOnTime: '其中按期完成的',
        onTimeRate: '按期完成率（%）',
      },
      satisfaction: {
        evaluations: '评议人数',
        satisfactionAvg: '平均满意度（1–5）',
        resolvedShare: '认为已解决（%）',
      },
      activities: { held: '举办活动', sessions: '活动场次' },
      visits: {
        total: '参与人次合计',
        checkedIn: '活动签到',
        supports: '附议（我也需要）',
        evaluations: '监督评议',
        confirmations: '居民打钩',
      },
      volunteers: { volunteers: '参与服务的志愿者', hours: '志愿服务时长（小时）' },
    },
  },
}

const en: typeof zh = {
  reports: {
    menu: 'Ledger',
    title: 'Ledger (台账)',
    scope: 'Scope',
    scopeAll: 'Everything I see',
    scopeTown: 'A town',
    scopeNeighborhood: 'A neighbourhood',
    town: 'Town',
    neighborhood: 'Neighbourhood',
    period: 'Period',
    thisYear: 'This year',
    lastYear: 'Last year',
    thisMonth: 'This month',
    custom: 'Custom',
    from: 'From',
    to: 'To (incl.)',
    export: 'Export the ledger (Excel)',
    compared: 'Compared with last year (%{from} to %{to})',
    columns: {
      figure: 'Figure',
      value: 'This period',
      lastYear: 'Last year',
      change: 'Change',
      changePct: 'Change %',
    },
    charts: { collected: 'Topics by channel', decided: 'Decisions', visits: 'Visits' },
    series: { value: 'This period', lastYear: 'Last year' },
    section: {
      collected: 'Topics collected',
      decided: 'Topics decided',
      projects: 'Projects',
      satisfaction: 'Satisfaction',
      activities: 'Activities',
      visits: 'Participation (visits)',
      volunteers: 'Volunteers',
    },
    figure: {
      collected: {
        total: 'Topics collected',
        ...channels('en'),
        'channel.none': 'of which: no channel',
        mergedDuplicates: 'Merged duplicates (not counted)',
      },
      decided: {
        total: 'Topics decided (each once)',
        accepted: 'Accepted',
        adopted: 'Adopted',
        declined: 'Declined',
        referred: 'Referred',
        merged: 'Merged',
      },
      projects: {
        adopted: 'Projects adopted',
        done: 'Projects done',
        doneWithDeadline: 'of which with a deadline',
        doneOnTime: 'of which on time',
        onTimeRate: 'On time (%)',
      },
      satisfaction: {
        evaluations: 'Evaluations',
        satisfactionAvg: 'Mean satisfaction (1–5)',
        resolvedShare: 'Said solved (%)',
      },
      activities: { held: 'Activities held', sessions: 'Sessions' },
      visits: {
        total: 'All visits',
        checkedIn: 'Checked in at activities',
        supports: 'Supports (me too)',
        evaluations: 'Evaluations',
        confirmations: 'Residents’ ticks',
      },
      volunteers: { volunteers: 'Volunteers who served', hours: 'Volunteer hours' },
    },
  },
}

export default { zh, en }
