const zh = {
  resources: {
    neighborhoods: {
      name: '居民区 |||| 居民区',
      fields: {
        id: '编号',
        townId: '镇/街道',
        name: '名称',
        slug: '标识',
        contactPhone: '居委会电话',
        q: '搜索',
      },
    },
  },
  neighborhoods: {
    slugHelp: '用于网址，小写字母、数字和连字符，如 huihuayuan',
    contactPhoneHelp: '印在二维码海报上，方便不会扫码的居民打电话，如 021-5678 1234',
    printPosters: '批量打印海报',
  },
}

const en: typeof zh = {
  resources: {
    neighborhoods: {
      name: 'Neighborhood |||| Neighborhoods',
      fields: {
        id: 'ID',
        townId: 'Town',
        name: 'Name',
        slug: 'Slug',
        contactPhone: "Committee's phone",
        q: 'Search',
      },
    },
  },
  neighborhoods: {
    slugHelp: 'Used in links: lower-case letters, digits and hyphens, e.g. huihuayuan',
    contactPhoneHelp: 'Printed on the QR posters for residents who cannot scan, e.g. 021-5678 1234',
    printPosters: 'Print all posters',
  },
}

export default { zh, en }
