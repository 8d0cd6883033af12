import { and, eq, getTableColumns, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import {
  checklistItems,
  claims,
  neighborhoods,
  partnerOffers,
  partners,
  projects,
  projectUpdates,
  volunteers,
} from '../../schema'
import type { ClaimStatus, PartnerKind, ProjectStatus } from '../../../domain/vocabulary'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { rawStatement, type Statement } from '../../batch'

// Claims (认领) with what they are about (project, task, partner or 达人, offer), and the
// statements of moving one.

/** A joined column under its own name (in a D1 batch, rows are keyed by column name). */
const as = <T>(column: SQLiteColumn, name: string) => sql<T>`${column}`.as(name)

/** Every claim column plus the names around it (left joins: a task or an offer may be absent). */
export const claimFields = {
  ...getTableColumns(claims),
  projectTitle: as<string>(projects.title, 'project_title'),
  projectStatus: as<ProjectStatus>(projects.status, 'project_status'),
  taskTitle: as<string | null>(checklistItems.title, 'task_title'),
  /** 1 when the task is done (0/1, as SQLite stores it); null for a claim on the project. */
  taskDone: as<number | null>(checklistItems.done, 'task_done'),
  neighborhoodName: as<string>(neighborhoods.name, 'neighborhood_name'),
  townId: as<number>(neighborhoods.townId, 'town_id'),
  partnerName: as<string | null>(partners.name, 'partner_name'),
  partnerKind: as<PartnerKind | null>(partners.kind, 'partner_kind'),
  volunteerName: as<string | null>(volunteers.name, 'volunteer_name'),
  volunteerPhone: as<string | null>(volunteers.phone, 'volunteer_phone'),
  offerTitle: as<string | null>(partnerOffers.title, 'offer_title'),
}

/** `SELECT <claimFields> FROM claims …joins`, to add where/order/limit to. */
export const selectClaims = (db: Db) =>
  db
    .select(claimFields)
    .from(claims)
    .innerJoin(projects, eq(projects.id, claims.projectId))
    .innerJoin(neighborhoods, eq(neighborhoods.id, claims.neighborhoodId))
    .leftJoin(checklistItems, eq(checklistItems.id, claims.checklistItemId))
    .leftJoin(partners, eq(partners.id, claims.partnerId))
    .leftJoin(volunteers, eq(volunteers.id, claims.volunteerId))
    .leftJoin(partnerOffers, eq(partnerOffers.id, claims.offerId))

export type ClaimRow = Awaited<ReturnType<typeof selectClaims>>[number]

/** What D1 says when `claimGuard` stops a batch (look for it in the error's cause chain). */
export const CLAIM_GUARD_FAILED = 'NOT NULL constraint failed: claims.project_id'

/**
 * A statement that aborts its batch (so nothing of it is written) when `condition` holds: it
 * inserts a claim without a project. SQLite has no RAISE outside triggers; this is the same.
 * @example claimGuard(db, sql`(SELECT status FROM claims WHERE id = ${id}) IS NOT 'pending'`)
 */
export const claimGuard = (db: Db, condition: SQL): Statement =>
  rawStatement(
    db,
    sql`INSERT INTO claims (project_id, neighborhood_id, partner_id, source, created_at, updated_at)
      SELECT NULL, 0, 0, 'staff', 0, 0 WHERE ${condition}`,
  )

/** Aborts the batch when the claim is no longer in `status` (someone moved it meanwhile). */
export const claimStillIs = (db: Db, id: number, status: ClaimStatus): Statement =>
  claimGuard(db, sql`(SELECT status FROM claims WHERE id = ${id}) IS NOT ${status}`)

export type ClaimMove = {
  id: number
  from: ClaimStatus
  to: ClaimStatus
  note: string | null
  actorId: number
  now: number
  /** A public project update to write with the move (accepting, or ending an accepted claim). */
  publicUpdate: { projectId: number; body: string } | null
}

/** The statements of one claim move: the guard, the update and the public update, if any. */
export const moveClaimStatements = (db: Db, m: ClaimMove): Statement[] => [
  claimStillIs(db, m.id, m.from),
  db
    .update(claims)
    .set({
      status: m.to,
      decisionNote: m.note,
      decidedBy: m.actorId,
      decidedAt: m.now,
      updatedAt: m.now,
    })
    .where(and(eq(claims.id, m.id), eq(claims.status, m.from))),
  ...(m.publicUpdate
    ? [
        db.insert(projectUpdates).values({
          projectId: m.publicUpdate.projectId,
          at: m.now,
          authorUserId: m.actorId,
          body: m.publicUpdate.body,
          public: true,
        }),
        db
          .update(projects)
          .set({ updatedAt: m.now })
          .where(eq(projects.id, m.publicUpdate.projectId)),
      ]
    : []),
]
