const zh = {
  resources: {
    volunteers: {
      name: '志愿者 |||| 志愿者',
      fields: {
        id: '编号',
        name: '姓名',
        phone: '手机号',
        neighborhoodId: '所属居民区',
        code: '志愿者查询码',
        skills: '技能',
        tags: '达人标签',
        note: '备注',
        totalHours: '累计时长（小时）',
        shiftCount: '已完成班次',
        upcomingCount: '待参加',
        createdAt: '登记时间',
        q: '姓名、手机或标签',
        tag: '标签',
        resetCode: '重新生成志愿者查询码',
      },
    },
  },
  volunteers: {
    wordsHelp: '每行一个',
    codeHelp: '志愿者凭手机号和志愿者查询码在 /v 查看班次和时长；泄露时可重新生成',
    shifts: '班次记录',
  },
}

const en: typeof zh = {
  resources: {
    volunteers: {
      name: 'Volunteer |||| Volunteers',
      fields: {
        id: 'ID',
        name: 'Name',
        phone: 'Phone',
        neighborhoodId: 'Home neighborhood',
        code: 'Volunteer code',
        skills: 'Skills',
        tags: 'Talent tags',
        note: 'Note',
        totalHours: 'Total hours',
        shiftCount: 'Shifts done',
        upcomingCount: 'Upcoming',
        createdAt: 'Registered',
        q: 'Name, phone or tag',
        tag: 'Tag',
        resetCode: 'Make a new volunteer code',
      },
    },
  },
  volunteers: {
    wordsHelp: 'One per line',
    codeHelp:
      'Volunteers see their shifts and hours at /v with their phone and this code; renew it if it leaked',
    shifts: 'Shifts',
  },
}

export default { zh, en }
