const zh = {
  resources: {
    categories: {
      name: '议题类别 |||| 议题类别',
      fields: {
        id: '编号',
        name: '名称',
        nameEn: '英文名',
        sortOrder: '排序',
        active: '启用',
        q: '搜索',
      },
    },
  },
  categories: {
    sortHelp: '数字小的排在前面',
    activeHelp: '停用后居民提交时不再可选，已有议题保留该类别',
  },
}

const en: typeof zh = {
  resources: {
    categories: {
      name: 'Category |||| Categories',
      fields: {
        id: 'ID',
        name: 'Name (Chinese)',
        nameEn: 'Name (English)',
        sortOrder: 'Order',
        active: 'Active',
        q: 'Search',
      },
    },
  },
  categories: {
    sortHelp: 'Smaller numbers come first',
    activeHelp: 'Inactive categories are no longer offered; existing topics keep theirs',
  },
}

export default { zh, en }
