import { type Lang, namesIn, OFFER_KIND_LABEL, PARTNER_KIND_LABEL } from '@domain/vocabulary'

/** The partner words of worker/domain/vocabulary.ts: `partners.kind.*`, `partners.offerKind.*`. */
const vocabularyIn = (lang: Lang) => ({
  kind: namesIn(PARTNER_KIND_LABEL, lang),
  offerKind: namesIn(OFFER_KIND_LABEL, lang),
})

const zh = {
  resources: {
    partners: {
      name: '共建单位',
      fields: {
        id: '编号',
        name: '名称',
        kind: '类型',
        townId: '镇/街道',
        neighborhoodId: '所属居民区',
        contactName: '联系人',
        contactPhone: '联系电话',
        note: '备注',
        active: '启用',
        offerKinds: '资源',
        offerCount: '资源项',
        acceptedCount: '已接受认领',
        pendingCount: '待处理认领',
        q: '名称、联系人或备注',
        offerKind: '能提供',
      },
    },
    'partner-offers': {
      name: '资源清单',
      fields: {
        kind: '资源类型',
        title: '内容',
        quantity: '数量',
        availability: '时间',
        categoryIds: '适合的类别',
        active: '可用',
      },
    },
  },
  partners: {
    ...vocabularyIn('zh'),
    townWide: '服务全镇',
    neighborhoodHelp:
      '居民区的党支部、物业、业委会选所属居民区；服务全镇的单位（医院、高校社团）不选',
    offers: {
      title: '资源清单',
      empty: '还没有登记资源',
      add: '添加资源',
      added: '已添加资源',
      removed: '已删除资源',
      remove: '删除「%{title}」',
      toggled: '已更新',
    },
    logins: {
      title: '单位账号',
      help: '共建单位用自己的账号登录工作台，只能看到需求清单、本单位的认领和参与的项目，看不到居民的个人信息。',
      empty: '还没有账号',
      username: '用户名',
      displayName: '姓名',
      password: '初始密码（至少 10 位）',
      add: '开设账号',
      added: '已开设账号 %{username}',
      disabled: '已停用',
    },
    matches: {
      title: '可能合适的共建单位',
      help: '按资源与项目需要、议题类别的对口程度排序',
      empty: '没有资源对口的共建单位',
      score: '匹配度 %{score}',
      local: '本居民区',
      covers: '能提供：%{kinds}',
      record: '代为认领',
      recorded: '已代 %{name} 认领，等待接受',
      pending: '已举手，待处理',
      accepted: '已在参与',
      track: '已接受 %{n} 次认领',
    },
    needs: {
      title: '需要共建单位提供',
      kinds: '需要的资源',
      note: '说明（公开）',
      open: '列入需求清单',
      save: '保存',
      saved: '已保存',
    },
  },
}

const en: typeof zh = {
  resources: {
    partners: {
      name: 'Partner |||| Partners',
      fields: {
        id: 'ID',
        name: 'Name',
        kind: 'Kind',
        townId: 'Town',
        neighborhoodId: 'Neighbourhood',
        contactName: 'Contact',
        contactPhone: 'Contact phone',
        note: 'Note',
        active: 'Active',
        offerKinds: 'Offers',
        offerCount: 'Offers',
        acceptedCount: 'Accepted claims',
        pendingCount: 'Pending claims',
        q: 'Name, contact or note',
        offerKind: 'Can give',
      },
    },
    'partner-offers': {
      name: 'Offer |||| Offers',
      fields: {
        kind: 'Kind',
        title: 'What',
        quantity: 'How much',
        availability: 'When',
        categoryIds: 'Suits categories',
        active: 'Available',
      },
    },
  },
  partners: {
    ...vocabularyIn('en'),
    townWide: 'Whole town',
    neighborhoodHelp:
      "A neighbourhood's party branch, property manager or owners' committee names it; town-wide partners (a hospital, a university club) leave it empty",
    offers: {
      title: 'Offers',
      empty: 'No offers yet',
      add: 'Add offer',
      added: 'Offer added',
      removed: 'Offer removed',
      remove: 'Remove “%{title}”',
      toggled: 'Updated',
    },
    logins: {
      title: 'Partner logins',
      help: "A partner signs in with its own login and sees only the needs list, its own claims and the projects it joined — never residents' personal data.",
      empty: 'No logins yet',
      username: 'Username',
      displayName: 'Name',
      password: 'First password (10+ characters)',
      add: 'Open login',
      added: 'Login %{username} opened',
      disabled: 'Disabled',
    },
    matches: {
      title: 'Partners that could help',
      help: 'Best first: offers that cover what the project needs and suit its categories',
      empty: 'No partner offers what this project needs',
      score: 'Match %{score}',
      local: 'This neighbourhood',
      covers: 'Can give: %{kinds}',
      record: 'Record their hand',
      recorded: 'Recorded a hand for %{name}; waiting to be accepted',
      pending: 'Hand raised, pending',
      accepted: 'Taking part',
      track: '%{n} claims accepted',
    },
    needs: {
      title: 'What partners could give',
      kinds: 'Needed',
      note: 'Details (public)',
      open: 'On the needs list',
      save: 'Save',
      saved: 'Saved',
    },
  },
}

export default { zh, en }
