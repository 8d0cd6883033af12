const zh = {
  resources: {
    users: {
      name: '账号 |||| 账号',
      fields: {
        id: '编号',
        username: '用户名',
        displayName: '姓名',
        role: '角色',
        disabled: '已停用',
        townIds: '所属镇/街道',
        neighborhoodIds: '负责居民区',
        createdAt: '创建时间',
        password: '初始密码',
        q: '搜索',
        neighborhoodId: '居民区',
      },
    },
  },
  users: {
    scope: '工作范围',
    allScope: '全部',
    active: '正常',
    disabledChip: '已停用',
    newPassword: '重置密码',
    newPasswordHelp: '留空则不修改；重置后该账号在所有设备上退出登录',
    passwordHelp: '至少 10 个字符，请线下告知本人并提醒其修改',
    disableHelp: '停用后该账号立即退出登录且不能再登录；记录保留',
    townHelp: '镇专班账号可看所选镇/街道下的全部居民区',
    neighborhoodHelp: '居委工作人员和只读账号只能看所选居民区',
    tooShort: '密码至少 10 个字符',
  },
}

const en: typeof zh = {
  resources: {
    users: {
      name: 'User |||| Users',
      fields: {
        id: 'ID',
        username: 'Username',
        displayName: 'Name',
        role: 'Role',
        disabled: 'Disabled',
        townIds: 'Towns',
        neighborhoodIds: 'Neighborhoods',
        createdAt: 'Created',
        password: 'Initial password',
        q: 'Search',
        neighborhoodId: 'Neighborhood',
      },
    },
  },
  users: {
    scope: 'Scope',
    allScope: 'All',
    active: 'Active',
    disabledChip: 'Disabled',
    newPassword: 'Reset password',
    newPasswordHelp: 'Leave empty to keep it; a reset signs the account out everywhere',
    passwordHelp: 'At least 10 characters; tell the person offline and ask them to change it',
    disableHelp: 'Signs the account out at once and blocks sign-in; its records stay',
    townHelp: 'Town coordinators see every neighborhood of the chosen towns',
    neighborhoodHelp: 'Staff and viewers see only the chosen neighborhoods',
    tooShort: 'At least 10 characters',
  },
}

export default { zh, en }
