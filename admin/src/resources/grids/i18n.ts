const zh = {
  resources: {
    grids: {
      name: '网格 |||| 网格',
      fields: { id: '编号', name: '名称', neighborhoodId: '居民区', q: '搜索' },
    },
  },
  grids: {
    nameHelp: '如“第一网格（1–12号楼）”；渠道和议题可以归到网格',
  },
}

const en: typeof zh = {
  resources: {
    grids: {
      name: 'Grid |||| Grids',
      fields: { id: 'ID', name: 'Name', neighborhoodId: 'Neighborhood', q: 'Search' },
    },
  },
  grids: {
    nameHelp: 'E.g. "Grid 1 (buildings 1–12)"; channels and topics can belong to a grid',
  },
}

export default { zh, en }
