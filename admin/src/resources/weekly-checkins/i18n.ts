const zh = {
  resources: {
    'weekly-checkins': {
      name: '每周一对接 |||| 每周一对接',
      fields: {
        neighborhoodId: '居民区',
        weekStart: '周',
        doneCount: '上周完成',
        dueCount: '两周内到期',
        overdueCount: '逾期',
        newTopics: '上周新议题',
        disputedCount: '居民异议',
        note: '对接记录',
      },
    },
  },
  weekly: {
    title: '每周一对接',
    week: '%{from} 这一周',
    previous: '上一周',
    next: '下一周',
    thisWeek: '本周',
    make: '生成本周周报',
    made: '已生成 %{smart_count} 份',
    empty: '这一周还没有周报（每周一由系统自动生成）',
    done: '上周完成',
    due: '两周内到期',
    overdue: '逾期',
    topics: '上周新议题',
    disputed: '居民有异议的事项',
    none: '无',
    more: '另有 %{n} 项',
    note: '对接记录',
    saveNote: '保存记录',
    noteBy: '%{name} 于 %{date} 记录',
    saved: '已保存',
  },
}

const en: typeof zh = {
  resources: {
    'weekly-checkins': {
      name: 'Weekly check-in |||| Weekly check-ins',
      fields: {
        neighborhoodId: 'Neighbourhood',
        weekStart: 'Week',
        doneCount: 'Done last week',
        dueCount: 'Due in 2 weeks',
        overdueCount: 'Overdue',
        newTopics: 'New topics',
        disputedCount: 'Objections',
        note: 'Notes',
      },
    },
  },
  weekly: {
    title: 'Weekly check-in',
    week: 'Week of %{from}',
    previous: 'Previous week',
    next: 'Next week',
    thisWeek: 'This week',
    make: 'Make this week’s summaries',
    made: '%{smart_count} summary made |||| %{smart_count} summaries made',
    empty: 'No summaries for this week yet (made every Monday)',
    done: 'Done last week',
    due: 'Due in the next two weeks',
    overdue: 'Overdue',
    topics: 'New topics last week',
    disputed: 'Steps residents disputed',
    none: 'None',
    more: '%{n} more',
    note: 'Notes of the check-in',
    saveNote: 'Save notes',
    noteBy: 'By %{name} on %{date}',
    saved: 'Saved',
  },
}

export default { zh, en }
