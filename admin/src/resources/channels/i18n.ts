const zh = {
  resources: {
    channels: {
      name: '渠道 |||| 渠道',
      fields: {
        id: '编号',
        neighborhoodId: '居民区',
        gridId: '网格',
        kind: '类型',
        label: '名称',
        code: '渠道码',
        scans: '扫码',
        submissions: '提交',
        active: '启用',
        createdAt: '创建时间',
        url: '居民链接',
        q: '搜索',
      },
    },
  },
  channels: {
    conversion: '转化率',
    links: '二维码与海报',
    qr: '二维码',
    poster: '打印海报',
    open: '居民页面',
    copyUrl: '复制链接',
    copied: '链接已复制',
    noGrid: '整个居民区',
    labelHelp: '贴在哪里，如「12号楼1单元 楼道留言板」',
    activeHelp: '停用后扫码页面提示该渠道已停用',
    preview: '二维码预览',
    funnel: '%{submissions} / %{scans}',
  },
}

const en: typeof zh = {
  resources: {
    channels: {
      name: 'Channel |||| Channels',
      fields: {
        id: 'ID',
        neighborhoodId: 'Neighborhood',
        gridId: 'Grid',
        kind: 'Kind',
        label: 'Label',
        code: 'Channel code',
        scans: 'Scans',
        submissions: 'Submissions',
        active: 'Active',
        createdAt: 'Created',
        url: 'Resident link',
        q: 'Search',
      },
    },
  },
  channels: {
    conversion: 'Conversion',
    links: 'QR and poster',
    qr: 'QR code',
    poster: 'Printable poster',
    open: 'Resident page',
    copyUrl: 'Copy link',
    copied: 'Link copied',
    noGrid: 'Whole neighborhood',
    labelHelp: 'Where it hangs, e.g. "Building 12 unit 1 stairwell board"',
    activeHelp: 'An inactive channel tells residents it is no longer in use',
    preview: 'QR preview',
    funnel: '%{submissions} / %{scans}',
  },
}

export default { zh, en }
