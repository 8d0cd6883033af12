import { Hono } from 'hono'
import type { AppEnv, Db } from '../../env'
import { type ClaimRow, moveClaimStatements } from '../../db/queries/partners/claims'
import type { Statement } from '../../db/batch'
import {
  checkClaimMove,
  checkClaimTarget,
  claimUpdateNote,
} from '../../domain/partners/claim-workflow'
import type { Problem } from '../../domain/problem'
import type { ClaimStatus } from '../../domain/vocabulary'
import { audit } from '../../lib/audit'
import type { CurrentUser } from '../../lib/auth'
import { raise } from '../../lib/errors'
import { idParam, readJson } from '../../lib/validate'
import { actorOf, loadClaimInScope, toClaimRecord, writeClaims } from './record'
import { claimMoveSchema } from './schemas'

// The claim moves (domain/partners/claim-workflow.ts): POST /api/claims/:id/accept, /decline
// (with the reason in `note`), /withdraw. Accepting writes the public update 认领单位：… on the
// project's timeline, which the board and the tracking page show; ending an accepted hand writes
// that it left. Each move is one batch with its audit row, guarded against a concurrent move.

const ACTIONS = { accepted: 'accept', declined: 'decline', withdrawn: 'withdraw' } as const

/** Why `user` may not move `claim` to `to` with `note`, or null. */
export const moveProblem = (
  user: CurrentUser,
  claim: ClaimRow,
  to: ClaimStatus,
  note: string | null,
): Problem | null => {
  const actor = actorOf(user)
  if (!actor) return { code: 'forbidden', message: '这个账号不能处理认领' }
  const problem = checkClaimMove(claim.status, to, actor, { note })
  if (problem || to !== 'accepted') return problem
  return checkClaimTarget({
    project: { status: claim.projectStatus, title: claim.projectTitle },
    task:
      claim.checklistItemId === null
        ? null
        : { done: claim.taskDone === 1, title: claim.taskTitle ?? '' },
  })
}

/** The statements of moving `claim` to `to`: the move, its public update if any, its audit row. */
export const moveStatements = (
  db: Db,
  user: CurrentUser,
  claim: ClaimRow,
  to: ClaimStatus,
  note: string | null,
  now: number,
): Statement[] => {
  const leaves = to === 'withdrawn' && claim.status === 'accepted'
  const publicUpdate =
    to === 'accepted' || leaves
      ? {
          projectId: claim.projectId,
          body: claimUpdateNote(
            { partnerName: claim.partnerName, volunteerName: claim.volunteerName },
            claim.checklistItemId === null ? null : (claim.taskTitle ?? ''),
            to === 'accepted' ? 'accepted' : 'withdrawn',
          ),
        }
      : null
  return [
    ...moveClaimStatements(db, {
      id: claim.id,
      from: claim.status,
      to,
      note,
      actorId: user.id,
      now,
      publicUpdate,
    }),
    audit(db, user, {
      action: ACTIONS[to as keyof typeof ACTIONS],
      resource: 'claims',
      recordId: claim.id,
      before: { status: claim.status },
      after: { status: to, note, publicUpdate: publicUpdate?.body ?? null },
    }),
  ]
}

const move = (to: 'accepted' | 'declined' | 'withdrawn') =>
  new Hono<AppEnv>().post(`/:id{[0-9]+}/${ACTIONS[to]}`, async (c) => {
    const claim = await loadClaimInScope(c.var, idParam(c))
    const input = await readJson(c, claimMoveSchema)
    const note = input.note?.trim() || null
    const { db, user } = c.var
    raise(moveProblem(user, claim, to, note))
    const statements = moveStatements(db, user, claim, to, note, Date.now())
    await writeClaims(
      () => db.batch(statements as [Statement, ...Statement[]]),
      '认领刚被其他人处理，请刷新后重试',
    )
    return c.json(toClaimRecord(await loadClaimInScope(c.var, claim.id), user))
  })

export const claimMoves = new Hono<AppEnv>()
  .route('/', move('accepted'))
  .route('/', move('declined'))
  .route('/', move('withdrawn'))
