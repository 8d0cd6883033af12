const zh = {
  resources: {
    towns: {
      name: '镇/街道 |||| 镇/街道',
      fields: { id: '编号', name: '名称', q: '搜索' },
    },
  },
}

const en: typeof zh = {
  resources: {
    towns: {
      name: 'Town |||| Towns',
      fields: { id: 'ID', name: 'Name', q: 'Search' },
    },
  },
}

export default { zh, en }
