import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { partnerReport } from '../../db/queries/partners/reports'
import { canSeePersonalData, maskName } from '../../domain/masking'
import { type ClaimFigures, partnerSentence } from '../../domain/partners/reports'
import { PARTNER_KIND_LABEL, type PartnerKind } from '../../domain/vocabulary'
import { requireUser } from '../../lib/auth'
import type { Column } from '../../lib/csv'
import { sendExport, shanghaiTime } from '../../lib/export'
import { figuresQuery } from '../reports/figures-query'

// GET /api/reports/partners?from=&to=&neighborhoodId=|townId=&format=json|csv|xlsx — both hands
// for a period [from, to) (epoch ms; open-ended when left out): hands raised and how they stand,
// branches (党支部) that raised one, projects, tasks and activities per neighborhood, per partner
// and per 达人 (domain/partners/reports.ts says what counts). For one neighborhood, one town (for
// those who see the whole town: admins, its coordinators; otherwise 404) or the caller's scope.
// 达人 are residents: their names are masked for roles that do not see personal data.

type ExportRow = ClaimFigures & {
  section: string
  name: string
  kind: string
  branchesRaised: number | null
}

const COLUMNS: Column<ExportRow>[] = [
  { key: 'section', label: '类别' },
  { key: 'name', label: '名称' },
  { key: 'kind', label: '类型' },
  { key: 'claims', label: '举手认领（次）' },
  { key: 'accepted', label: '已接受（次）' },
  { key: 'pending', label: '待处理（次）' },
  { key: 'projects', label: '共建项目（个）' },
  { key: 'tasks', label: '认领任务（项）' },
  { key: 'activities', label: '带领活动（场）' },
  { key: 'branchesRaised', label: '举手党支部（个）' },
]

export const partnerReportApi = new Hono<AppEnv>().use(requireUser).get('/', async (c) => {
  const user = c.var.user
  const { from, to, neighborhoodId, townId, format } = figuresQuery(c)
  const raw = await partnerReport(c.var.db, {
    scopeIds: user.neighborhoodIds,
    neighborhoodId,
    townId,
    from,
    to,
  })
  const mask = !canSeePersonalData(user.role)
  const report = {
    from,
    to,
    neighborhoodId: neighborhoodId ?? null,
    townId: townId ?? null,
    totals: raw.totals,
    sentence: partnerSentence(raw.totals),
    byNeighborhood: raw.byNeighborhood.map(({ key, ...r }) => ({ neighborhoodId: key, ...r })),
    byPartner: raw.byPartner.map(({ key, ...r }) => ({ partnerId: key, ...r })),
    byLead: raw.byLead.map(({ key, name, ...r }) => ({
      volunteerId: key,
      name: mask ? (maskName(name) ?? '') : name,
      ...r,
    })),
  }
  if (format === 'json') return c.json(report)
  const kindName = (kind: PartnerKind) => PARTNER_KIND_LABEL[kind].zh
  const rows: ExportRow[] = [
    {
      section: '合计',
      name: report.sentence,
      kind: '',
      claims: raw.totals.claims,
      accepted: raw.totals.accepted,
      pending: raw.totals.pending,
      projects: raw.totals.projectsJoined,
      tasks: raw.totals.tasksJoined,
      activities: raw.totals.activitiesLed,
      branchesRaised: raw.totals.branchesRaised,
    },
    ...report.byNeighborhood.map((r) => ({ ...r, section: '居民区', kind: '' })),
    ...report.byPartner.map((r) => ({
      ...r,
      section: '共建单位',
      kind: kindName(r.kind),
      branchesRaised: null,
    })),
    ...report.byLead.map((r) => ({ ...r, section: '达人', kind: '', branchesRaised: null })),
  ]
  const period = `${shanghaiTime(from === 0 ? null : from).slice(0, 10) || '起'}至${
    shanghaiTime(to === Number.MAX_SAFE_INTEGER ? null : to - 1).slice(0, 10) || '今'
  }`
  return sendExport(c, {
    format,
    filename: `共建认领台账-${period}`,
    columns: COLUMNS,
    rows,
    resource: 'claims',
  })
})
