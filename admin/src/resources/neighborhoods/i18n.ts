const zh = {
  resources: {
    neighborhoods: {
      name: '居民区 |||| 居民区',
      fields: { id: '编号', townId: '镇/街道', name: '名称', slug: '标识', q: '搜索' },
    },
  },
  neighborhoods: {
    slugHelp: '用于网址，小写字母、数字和连字符，如 huihuayuan',
  },
}

const en: typeof zh = {
  resources: {
    neighborhoods: {
      name: 'Neighborhood |||| Neighborhoods',
      fields: { id: 'ID', townId: 'Town', name: 'Name', slug: 'Slug', q: 'Search' },
    },
  },
  neighborhoods: {
    slugHelp: 'Used in links: lower-case letters, digits and hyphens, e.g. huihuayuan',
  },
}

export default { zh, en }
