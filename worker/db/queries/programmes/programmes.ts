import { asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { programmes, programmeSteps } from '../../schema'
import type { StepInput } from '../../../domain/programmes/template'
import { rawStatement, type Statement } from '../../batch'

// Programme templates: the programme with its figures, its steps in order, and the statements
// that write a template. `scope` is the caller's condition on "projects"."neighborhood_id"
// (lib/scope `scopeWhere`): figures count only the neighborhoods the caller may see.

/** The id of the programme inserted earlier in the same batch (batches run alone, in order). */
export const NEW_PROGRAMME_ID = sql`(SELECT max(id) FROM programmes)`

const figures = (scope: SQL | undefined) => {
  const inScope = scope ?? sql`1`
  return {
    stepCount: sql<number>`(SELECT count(*) FROM programme_steps s WHERE s.programme_id = "programmes"."id")`,
    neighborhoodCount: sql<number>`(SELECT count(*) FROM projects
      WHERE projects.programme_id = "programmes"."id" AND ${inScope})`,
    itemCount: sql<number>`(SELECT count(*) FROM projects JOIN checklist_items ci ON ci.project_id = projects.id
      WHERE projects.programme_id = "programmes"."id" AND ci.step_id IS NOT NULL AND ${inScope})`,
    doneCount: sql<number>`(SELECT count(*) FROM projects JOIN checklist_items ci ON ci.project_id = projects.id
      WHERE projects.programme_id = "programmes"."id" AND ci.step_id IS NOT NULL AND ci.done = 1 AND ${inScope})`,
  }
}

/** `SELECT <programme with figures> FROM programmes`, to add where/order/limit to. */
export const selectProgrammes = (db: Db, scope: SQL | undefined) =>
  db.select({ ...getTableColumns(programmes), ...figures(scope) }).from(programmes)

export type ProgrammeRow = Awaited<ReturnType<typeof selectProgrammes>>[number]

/** A programme's steps in order. */
export const selectSteps = (db: Db, programmeId: number | SQL) =>
  db
    .select()
    .from(programmeSteps)
    .where(sql`${programmeSteps.programmeId} = ${programmeId}`)
    .orderBy(asc(programmeSteps.sortOrder), asc(programmeSteps.id))

export type StepRow = Awaited<ReturnType<typeof selectSteps>>[number]

/**
 * (project, step) pairs missing from a programme's applied projects in scope: steps added to
 * the template after it was applied (POST /api/programmes/:id/add-missing-steps adds them).
 */
export const missingStepsQuery = (programmeId: number, scope: SQL | undefined) => sql`
  SELECT count(*) AS n FROM projects JOIN programme_steps s ON s.programme_id = projects.programme_id
  WHERE projects.programme_id = ${programmeId} AND ${scope ?? sql`1`}
    AND NOT EXISTS (SELECT 1 FROM checklist_items ci WHERE ci.project_id = projects.id AND ci.step_id = s.id)`

/** The columns of a step as stored, from the API's input. */
export const stepValues = (step: StepInput, sortOrder: number, now: number) => ({
  sortOrder,
  title: step.title,
  doneWhen: step.doneWhen,
  evidence: step.evidence,
  dueDays: step.dueDays ?? null,
  dueAt: step.dueDays != null ? null : (step.dueAt ?? null),
  ownerPost: step.ownerPost,
  public: step.public,
  updatedAt: now,
})

/**
 * Inserts steps for `programmeId` (an id, or NEW_PROGRAMME_ID in the programme's create batch),
 * in one statement whatever their number: the steps travel as one JSON parameter.
 */
export const insertStepsStatement = (
  db: Db,
  programmeId: number | SQL,
  steps: { step: StepInput; sortOrder: number }[],
  now: number,
): Statement =>
  rawStatement(
    db,
    sql`INSERT INTO programme_steps (programme_id, sort_order, title, done_when, evidence, due_days,
        due_at, owner_post, public, created_at, updated_at)
      SELECT ${programmeId}, json_extract(j.value, '$.sortOrder'), json_extract(j.value, '$.title'), json_extract(j.value, '$.doneWhen'),
        json_extract(j.value, '$.evidence'), json_extract(j.value, '$.dueDays'), json_extract(j.value, '$.dueAt'), json_extract(j.value, '$.ownerPost'),
        json_extract(j.value, '$.public'), ${now}, ${now}
      FROM json_each(${JSON.stringify(
        steps.map(({ step, sortOrder }) => {
          const v = stepValues(step, sortOrder, now)
          return { ...v, public: v.public ? 1 : 0 }
        }),
      )}) j`,
  )

/** One existing step's new values (an edit of the template). */
export const updateStepStatement = (
  db: Db,
  id: number,
  step: StepInput,
  sortOrder: number,
  now: number,
) =>
  db
    .update(programmeSteps)
    .set(stepValues(step, sortOrder, now))
    .where(eq(programmeSteps.id, id))
