// The meetings issue's case: recording one agenda item's show of hands with the decision 立项
// into a new project (the largest tally write: guards, project and its audit row, the item and
// its audit row, the meeting held, the topic's move with event and audit row, the project link),
// on meetings of 12 items each like a long evening's agenda.
//
// Every request decides a different item (a decided item answers 409), so setup makes enough of
// them straight in the local D1: MEETINGS meetings of ITEMS accepted topics each, in the last
// bench neighborhood (not 慧华苑, whose board and lists other cases measure), recorded by admin
// (the same session lookup as staff; the scope check passes either way).

const MEETINGS = 400
const ITEMS = 12

const setup = async (ctx) => {
  if (ctx.state.meetings) return
  const now = Date.now()
  const stamp = now.toString(36).toUpperCase()
  const [
    {
      results: [{ nid }],
    },
  ] = await ctx.query('SELECT max(id) AS nid FROM neighborhoods')
  // Meetings that started an hour ago (tallies may be recorded), topics waiting for a decision,
  // and the agenda items joining them 12 by 12.
  await ctx.query(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MEETINGS})
     INSERT INTO meetings (neighborhood_id, kind, title, starts_at, place, host, status, code,
       minutes, created_by, created_at, updated_at)
     SELECT ${nid}, 'council', '基准议事会 ' || i, ${now - 3_600_000}, '居委会会议室', '李敏', 'planned',
       'BENCH${stamp}-' || i, '', 1, ${now}, ${now} FROM n`,
  )
  await ctx.query(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MEETINGS * ITEMS})
     INSERT INTO topics (neighborhood_id, category_id, title, status, tracking_code, created_at,
       updated_at, accepted_at)
     SELECT ${nid}, 2, '基准议题 ' || i || ' 号楼楼道灯不亮', 'accepted', 'BEN${stamp}-' || i,
       ${now - 86_400_000}, ${now - 86_400_000}, ${now - 86_400_000} FROM n`,
  )
  await ctx.query(
    `INSERT INTO meeting_items (meeting_id, topic_id, sort_order, updated_at)
     SELECT m.id, t.id, (t.rn - 1) % ${ITEMS} + 1, ${now}
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM topics
             WHERE tracking_code LIKE 'BEN${stamp}-%') t
       JOIN (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM meetings
             WHERE code LIKE 'BENCH${stamp}-%') m ON m.rn = (t.rn - 1) / ${ITEMS} + 1`,
  )
  const [{ results }] = await ctx.query(
    `SELECT i.id, i.meeting_id AS meetingId FROM meeting_items i
       JOIN meetings m ON m.id = i.meeting_id
     WHERE m.code LIKE 'BENCH${stamp}-%' ORDER BY i.id`,
  )
  ctx.state.meetings = { items: results, next: 0, cookie: await ctx.signIn('admin') }
}

export const cases = [
  {
    name: 'meeting-tally',
    title: 'POST /api/meetings/:id/items/:itemId/tally: 立项 into a new project',
    order: 80,
    setup,
    request: (ctx) => {
      const state = ctx.state.meetings
      const item = state.items[state.next++ % state.items.length]
      return {
        method: 'POST',
        path: `/api/meetings/${item.meetingId}/items/${item.id}/tally`,
        cookie: state.cookie,
        body: {
          present: 23,
          inFavour: 19,
          against: 2,
          abstain: 2,
          decision: 'adopt',
          project: { title: `基准项目 ${item.id}` },
        },
      }
    },
    expect: 200,
  },
]
