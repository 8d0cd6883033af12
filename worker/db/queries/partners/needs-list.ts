import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import type { Claimant } from '../../../domain/partners/claim-workflow'
import type { OfferKind, ProjectStatus } from '../../../domain/vocabulary'
import { batchRows } from '../../batch'

// The 需求清单: adopted projects still under way, and their open tasks, that still look for help.
// A project looks for help unless a hand for it was accepted or staff took it off the list
// (project_needs.open = 0); a task likewise, and only while not done. Listed: projects that look
// for help themselves or have a task that does. Shared by the public page (/h/<town>) and the
// API (/api/help-wanted); everything selected here is public except `claimants`' volunteer
// names, which callers show masked (domain/partners publicClaimant).

export type NeedTask = {
  id: number
  title: string
  dueAt: number | null
  kinds: OfferKind[]
  note: string
}

export type NeedProject = {
  id: number
  title: string
  status: ProjectStatus
  deadlineAt: number | null
  neighborhoodId: number
  neighborhoodName: string
  neighborhoodSlug: string
  townId: number
  categoryIds: number[]
  /** What the project itself asks for (empty when staff said nothing). */
  kinds: OfferKind[]
  note: string
  /** Whether the project itself still looks for help (its tasks may, although it does not). */
  looking: boolean
  /** Accepted hands on the project itself. */
  claimants: Claimant[]
  /** Its open tasks still looking for help, in checklist order. */
  tasks: NeedTask[]
  /** A partner login's own live hands on this project (only when asked for). */
  mine: { id: number; checklistItemId: number | null; status: 'pending' | 'accepted' }[]
}

export type NeedsFilter = {
  /** Extra conditions on "projects" / "neighborhoods" (scope, town, neighborhood, ids). */
  where?: SQL
  categoryId?: number
  /** `q`: a substring of the title (instr: any length, any characters). */
  q?: string
  /** Add the hands of this partner (`mine`). */
  partnerId?: number | null
}

/** A task of `i` still looking for help: not done, not taken off the list, no accepted hand. */
const TASK_LOOKING = sql.raw(`i.done = 0
  AND NOT EXISTS (SELECT 1 FROM project_needs tn WHERE tn.project_id = i.project_id
    AND tn.checklist_item_id = i.id AND tn.open = 0)
  AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.project_id = i.project_id
    AND c.checklist_item_id = i.id AND c.status = 'accepted')`)

/**
 * The listed projects, cheaply: id, sort keys and whether the project itself looks for help,
 * for every project that does or has a task that does (unordered, unpaged).
 */
const candidates = (f: NeedsFilter) => sql`SELECT * FROM (
  SELECT projects.id, neighborhoods.name AS neighborhoodName, projects.deadline_at AS deadlineAt,
    (ifnull(pn.open, 1) = 1 AND NOT EXISTS (SELECT 1 FROM claims c
      WHERE c.project_id = projects.id AND c.checklist_item_id IS NULL
        AND c.status = 'accepted')) AS looking,
    EXISTS (SELECT 1 FROM checklist_items i WHERE i.project_id = projects.id
      AND ${TASK_LOOKING}) AS taskLooking
  FROM projects JOIN neighborhoods ON neighborhoods.id = projects.neighborhood_id
    LEFT JOIN project_needs pn ON pn.project_id = projects.id AND pn.checklist_item_id IS NULL
  WHERE projects.status IN ('planned', 'in_progress', 'blocked')
    ${f.where ? sql`AND ${f.where}` : sql``}
    ${
      f.categoryId
        ? sql`AND EXISTS (SELECT 1 FROM project_topics pt JOIN topics t ON t.id = pt.topic_id
            WHERE pt.project_id = projects.id AND t.category_id = ${f.categoryId})`
        : sql``
    }
    ${f.q?.trim() ? sql`AND instr(lower(projects.title), lower(${f.q.trim()})) > 0` : sql``}
) WHERE looking OR taskLooking`

/** Neighborhood by name, then the soonest deadline first (no deadline last), then id. */
const ORDER = sql`ORDER BY neighborhoodName, deadlineAt IS NULL, deadlineAt, id`

/**
 * A page of the list: `limit` rows from `offset`, in the list's order, with what the page
 * shows; the categories, hands and tasks are read for the page's rows only.
 */
export const needsPageQuery = (f: NeedsFilter, limit: number, offset: number) => sql`
  SELECT projects.id, projects.title, projects.status, projects.deadline_at AS deadlineAt,
    projects.neighborhood_id AS neighborhoodId, page.neighborhoodName,
    neighborhoods.slug AS neighborhoodSlug, neighborhoods.town_id AS townId, page.looking,
    (SELECT json_group_array(DISTINCT t.category_id) FROM project_topics pt
      JOIN topics t ON t.id = pt.topic_id
      WHERE pt.project_id = projects.id AND t.category_id IS NOT NULL) AS categoryIds,
    ifnull(pn.kinds, '[]') AS kinds, ifnull(pn.note, '') AS note,
    (SELECT json_group_array(json_object('partnerName', pa.name, 'volunteerName', v.name))
      FROM claims c LEFT JOIN partners pa ON pa.id = c.partner_id
      LEFT JOIN volunteers v ON v.id = c.volunteer_id
      WHERE c.project_id = projects.id AND c.checklist_item_id IS NULL
        AND c.status = 'accepted') AS claimants,
    (SELECT json_group_array(json_object('id', id, 'title', title, 'dueAt', dueAt,
        'kinds', json(kinds), 'note', note)) FROM (
      SELECT i.id, i.title, i.due_at AS dueAt, ifnull(tn.kinds, '[]') AS kinds,
        ifnull(tn.note, '') AS note
      FROM checklist_items i
        LEFT JOIN project_needs tn ON tn.project_id = i.project_id AND tn.checklist_item_id = i.id
      WHERE i.project_id = projects.id AND ${TASK_LOOKING}
      ORDER BY i.sort_order, i.id)) AS tasks,
    ${
      f.partnerId
        ? sql`(SELECT json_group_array(json_object('id', c.id, 'checklistItemId',
            c.checklist_item_id, 'status', c.status)) FROM claims c
            WHERE c.project_id = projects.id AND c.partner_id = ${f.partnerId}
              AND c.status IN ('pending', 'accepted'))`
        : sql`'[]'`
    } AS mine
  FROM (${candidates(f)} ${ORDER} LIMIT ${limit} OFFSET ${offset}) page
    JOIN projects ON projects.id = page.id
    JOIN neighborhoods ON neighborhoods.id = projects.neighborhood_id
    LEFT JOIN project_needs pn ON pn.project_id = projects.id AND pn.checklist_item_id IS NULL
  ORDER BY page.neighborhoodName, page.deadlineAt IS NULL, page.deadlineAt, page.id`

type RawNeedRow = Omit<
  NeedProject,
  'categoryIds' | 'kinds' | 'looking' | 'claimants' | 'tasks' | 'mine'
> & {
  categoryIds: string
  kinds: string
  looking: number
  claimants: string
  tasks: string
  mine: string
}

const toNeedProject = (r: RawNeedRow): NeedProject => ({
  ...r,
  categoryIds: JSON.parse(r.categoryIds),
  kinds: JSON.parse(r.kinds),
  looking: r.looking === 1,
  claimants: JSON.parse(r.claimants),
  tasks: JSON.parse(r.tasks),
  mine: JSON.parse(r.mine),
})

/** How many projects the list holds under `f`. */
export const needsCountQuery = (f: NeedsFilter) => sql`SELECT count(*) AS n FROM (${candidates(f)})`

/** Rows of `needsPageQuery` as records. */
export const needRows = (rows: unknown[]) => (rows as RawNeedRow[]).map(toNeedProject)

/**
 * A page and the total under `f`, in one D1 batch (for the API; the public page batches its own).
 * @example const { rows, total } = await needsList(db, { where: sql`neighborhoods.town_id = 1` }, 25, 0)
 */
export const needsList = async (db: Db, f: NeedsFilter, limit: number, offset: number) => {
  const [rows, [count]] = await batchRows(db, [
    needsPageQuery(f, limit, offset),
    needsCountQuery(f),
  ])
  return { rows: needRows(rows), total: (count as { n: number }).n }
}

export type NeedsPage = {
  town: { id: number; name: string }
  neighborhoods: { id: number; name: string; slug: string }[]
  categories: { id: number; name: string; nameEn: string }[]
  projects: NeedProject[]
  /** Whether there is a page after this one. */
  more: boolean
}

/**
 * Everything the public page `/h/<town>` shows, in one D1 batch; null for an unknown town.
 * `neighborhood` is a slug; pages hold `size` projects.
 * @example const page = await needsPage(db, 1, { neighborhood: 'huihuayuan' }, 0, 20)
 */
export const needsPage = async (
  db: Db,
  townId: number,
  filter: { neighborhood?: string; categoryId?: number },
  offset: number,
  size: number,
): Promise<NeedsPage | null> => {
  const where = sql`neighborhoods.town_id = ${townId}${
    filter.neighborhood ? sql` AND neighborhoods.slug = ${filter.neighborhood}` : sql``
  }`
  const [[town], hoods, categories, rows] = await batchRows(db, [
    sql`SELECT id, name FROM towns WHERE id = ${townId}`,
    sql`SELECT id, name, slug FROM neighborhoods WHERE town_id = ${townId} ORDER BY name`,
    sql`SELECT id, name, name_en AS nameEn FROM categories WHERE active = 1 ORDER BY sort_order, id`,
    needsPageQuery({ where, categoryId: filter.categoryId }, size + 1, offset),
  ])
  if (!town) return null
  const projects = needRows(rows)
  return {
    town: town as NeedsPage['town'],
    neighborhoods: hoods as NeedsPage['neighborhoods'],
    categories: categories as NeedsPage['categories'],
    projects: projects.slice(0, size),
    more: projects.length > size,
  }
}
