import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../env'
import { batch } from '../batch'
import { categories, evaluations, neighborhoods, projects, topics } from '../schema'
import { ADOPTED_TOPIC_STATUSES, COUNTED_EVALUATION_SOURCES } from '../../domain/vocabulary'
import { SATISFIED_MIN_SCORE, SATISFIED_RESOLVED } from '../../domain/evaluation'
import { sqlList } from '../sql'

export type StatsFilter = {
  /** The caller's scope on topics.neighborhood_id (from `scopeWhere`). */
  topicScope: SQL | undefined
  /** The same scope on projects.neighborhood_id, for evaluations. */
  projectScope: SQL | undefined
  neighborhoodId?: number
  from?: number
  to?: number
}

// Days from creation to a milestone: the median over the topics that reached it, in ms.
// Window functions keep the filter (and its bound parameters) to one copy per statement.
const median = (db: Db, where: SQL | undefined, column: SQLiteColumn) =>
  db
    .select({ v: sql<number | null>`avg(v)` })
    .from(
      sql`(SELECT v, row_number() OVER (ORDER BY v) AS rn, count(*) OVER () AS cnt FROM (
      SELECT ${column} - ${topics.createdAt} AS v FROM ${topics}
      WHERE ${where ?? sql`1`} AND ${column} IS NOT NULL))`,
    )
    .where(sql`rn IN ((cnt + 1) / 2, (cnt + 2) / 2)`)

/** `column` falls in the period (any time when the period is open at that end; never null). */
const inPeriod = (column: SQLiteColumn, f: StatsFilter) =>
  sql.join(
    [
      sql`${column} IS NOT NULL`,
      f.from === undefined ? undefined : sql`${column} >= ${f.from}`,
      f.to === undefined ? undefined : sql`${column} < ${f.to}`,
    ].filter((x): x is SQL => x !== undefined),
    sql` AND `,
  )

/**
 * The raw figures of the summary, in one round trip (one D1 batch). Topics are counted by
 * creation in the period, merged duplicates apart (they live on in the topic they went into);
 * 立项 and 完成 count the neighborhoods' own projects (not a programme's) created / finished in
 * the period, as the 台账 does.
 * @example const raw = await statsFigures(db, { topicScope, projectScope, from, to })
 */
export const statsFigures = async (db: Db, f: StatsFilter) => {
  const where = and(
    f.topicScope,
    f.neighborhoodId === undefined ? undefined : eq(topics.neighborhoodId, f.neighborhoodId),
    f.from === undefined ? undefined : gte(topics.createdAt, f.from),
    f.to === undefined ? undefined : lt(topics.createdAt, f.to),
  )
  const evaluationWhere = and(
    sql`${evaluations.source} IN ${sqlList(COUNTED_EVALUATION_SOURCES)}`,
    f.projectScope,
    f.neighborhoodId === undefined ? undefined : eq(projects.neighborhoodId, f.neighborhoodId),
    f.from === undefined ? undefined : gte(evaluations.createdAt, f.from),
    f.to === undefined ? undefined : lt(evaluations.createdAt, f.to),
  )
  const projectWhere = and(
    sql`programme_id IS NULL`,
    f.projectScope,
    f.neighborhoodId === undefined ? undefined : eq(projects.neighborhoodId, f.neighborhoodId),
  )
  const day = sql<string>`date((${topics.createdAt} + 28800000) / 1000, 'unixepoch')`
  const [
    byStatus,
    totals,
    byCategory,
    byNeighborhood,
    overTime,
    accept,
    adopt,
    finish,
    evals,
    projectTotals,
  ] = await batch(db, [
    db
      .select({ status: topics.status, n: sql<number>`count(*)` })
      .from(topics)
      .where(where)
      .groupBy(topics.status),
    db
      .select({
        collected: sql<number | null>`sum(${topics.status} <> 'merged')`,
        merged: sql<number | null>`sum(${topics.status} = 'merged')`,
        adoptedTopics: sql<number | null>`sum(${topics.status} <> 'merged' AND (
            ${topics.adoptedAt} IS NOT NULL OR ${topics.status} IN ${sqlList(ADOPTED_TOPIC_STATUSES)}))`,
      })
      .from(topics)
      .where(where),
    db
      .select({ categoryId: topics.categoryId, name: categories.name, n: sql<number>`count(*)` })
      .from(topics)
      .leftJoin(categories, eq(categories.id, topics.categoryId))
      .where(where)
      .groupBy(topics.categoryId)
      .orderBy(sql`count(*) DESC`, sql`${topics.categoryId} IS NULL`, categories.sortOrder),
    db
      .select({
        neighborhoodId: topics.neighborhoodId,
        name: neighborhoods.name,
        n: sql<number>`count(*)`,
      })
      .from(topics)
      .innerJoin(neighborhoods, eq(neighborhoods.id, topics.neighborhoodId))
      .where(where)
      .groupBy(topics.neighborhoodId)
      .orderBy(sql`count(*) DESC`, neighborhoods.name),
    db
      .select({ day, n: sql<number>`count(*)` })
      .from(topics)
      .where(where)
      .groupBy(day)
      .orderBy(day),
    median(db, where, topics.acceptedAt),
    median(db, where, topics.adoptedAt),
    median(db, where, topics.doneAt),
    db
      .select({
        n: sql<number>`count(*)`,
        satisfied: sql<number | null>`sum(${evaluations.resolved} = ${SATISFIED_RESOLVED}
            AND ${evaluations.satisfaction} >= ${SATISFIED_MIN_SCORE})`,
      })
      .from(evaluations)
      .innerJoin(projects, eq(projects.id, evaluations.projectId))
      .where(evaluationWhere),
    db
      .select({
        adopted: sql<number | null>`sum(${inPeriod(projects.createdAt, f)})`,
        done: sql<
          number | null
        >`sum(${projects.status} = 'done' AND ${inPeriod(projects.doneAt, f)})`,
      })
      .from(projects)
      .where(projectWhere),
  ])
  return {
    byStatus,
    collected: totals[0].collected ?? 0,
    merged: totals[0].merged ?? 0,
    adoptedTopics: totals[0].adoptedTopics ?? 0,
    adopted: projectTotals[0].adopted ?? 0,
    done: projectTotals[0].done ?? 0,
    byCategory,
    byNeighborhood,
    overTime,
    medianMs: {
      accept: accept[0]?.v ?? null,
      adopt: adopt[0]?.v ?? null,
      finish: finish[0]?.v ?? null,
    },
    evaluations: evals[0].n,
    satisfied: evals[0].satisfied ?? 0,
  }
}
