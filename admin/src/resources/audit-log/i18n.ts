const zh = {
  resources: {
    'audit-log': {
      name: '操作记录 |||| 操作记录',
      fields: {
        id: '编号',
        at: '时间',
        userId: '操作人',
        userName: '操作人',
        action: '操作',
        resource: '对象',
        recordId: '记录编号',
        before: '修改前',
        after: '修改后',
        from: '开始日期',
        to: '结束日期',
      },
    },
  },
  auditLog: {
    field: '字段',
    showAll: '显示未改动的字段',
    noDetail: '没有记录内容',
    system: '系统',
    change: { added: '新增', removed: '删除', changed: '修改', same: '未变', context: '未改动' },
  },
}

const en: typeof zh = {
  resources: {
    'audit-log': {
      name: 'Audit entry |||| Audit log',
      fields: {
        id: 'ID',
        at: 'Time',
        userId: 'User',
        userName: 'User',
        action: 'Action',
        resource: 'Resource',
        recordId: 'Record',
        before: 'Before',
        after: 'After',
        from: 'From',
        to: 'To',
      },
    },
  },
  auditLog: {
    field: 'Field',
    showAll: 'Show untouched fields',
    noDetail: 'Nothing recorded',
    system: 'System',
    change: {
      added: 'Added',
      removed: 'Removed',
      changed: 'Changed',
      same: 'Unchanged',
      context: 'Untouched',
    },
  },
}

export default { zh, en }
