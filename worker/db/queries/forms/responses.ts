// A resident's response to a public form (/s/<slug>) in two D1 calls: one read batch (the form,
// the client's rate-limit hit, the stored result of a resent key), then one write batch that
// stores the response exactly once with every limit checked inside the insert.
import { eq, sql } from 'drizzle-orm'
import { formReceiptStatement, optInStatements } from '../notify/outbox'
import type { Db } from '../../../env'
import { forms } from '../../schema'
import { batch, rawAll, type Statement } from '../../batch'
import { toForm, withFields, type FormWithFields } from './read'
import type { Answers } from '../../../domain/forms/definition'
import { hitStatement, type RateLimitOptions } from '../rate-limit'

// The idempotency key of a response is per form, so the same key on two forms is two answers:
// 'form:<form id>:<key>', as `once` wrote it. Built in JS where the id is known (D1 binds a JS
// number as REAL, and 'form:' || 5.0 is 'form:5.0'), from the table's integer id otherwise.
const claimKey = (formId: number, key: string) => `form:${formId}:${key}`
const claimKeyBySlug = (slug: string, key: string) =>
  sql`'form:' || (SELECT id FROM forms WHERE slug = ${slug}) || ':' || ${key}`

/** A stored response's receipt, and the hash of the answers its key was used for. */
export type ResponseStored = { receipt: string; requestHash: string | null }

type StoredRow = { body: string; request_hash: string | null }
const storedOf = (row: StoredRow): ResponseStored => ({
  receipt: (JSON.parse(row.body) as { receipt: string }).receipt,
  requestHash: row.request_hash,
})

/**
 * In one batch: the form with its current fields, this client's hits so far (one counted now)
 * and, for a resent key, the receipt it got.
 * @example const { form, hits, stored } = await formForPost(db, 'bike-riders', key, { key: 'form-submit:1.2.3.4', ...LIMIT })
 */
export const formForPost = async (
  db: Db,
  slug: string,
  key: string,
  hit: RateLimitOptions & { key: string },
): Promise<{ form: FormWithFields | undefined; hits: number; stored: ResponseStored | null }> => {
  const [forms_, hits, stored] = await batch(db, [
    withFields(db).where(eq(forms.slug, slug)).limit(1),
    rawAll<{ count: number }>(db, hitStatement(hit.key, hit.windowMs)),
    rawAll<StoredRow>(
      db,
      sql`SELECT body, request_hash FROM idempotency_keys
        WHERE key = ${claimKeyBySlug(slug, key)} AND status <> 0`,
    ),
  ])
  return {
    form: forms_[0] ? toForm(forms_[0]) : undefined,
    hits: hits[0]?.count ?? 0,
    stored: stored[0] ? storedOf(stored[0]) : null,
  }
}

export type NewResponse = {
  formId: number
  version: number
  answers: Answers
  phone: string | null
  receipt: string
  /** Refuse when this many responses exist already (null: no limit). */
  maxResponses: number | null
  /** Refuse when a response with this phone exists already. */
  onePerPhone: boolean
  /** The form's idempotency key: a resend gets the first receipt and stores nothing. */
  key: string
  /** What the key is stored with (lib/idempotency `requestHash` of the posted answers). */
  requestHash: string
  /** 有进展时短信通知我 (with a phone): the consent, and the receipt by SMS. */
  notify?: { lang: 'zh' | 'en' }
  /** Statements for the same batch about the response (found by its receipt), e.g. a child's fields. */
  extra?: Statement[]
}

/**
 * Stores a response in ONE batch: the insert checks that the form is open, not full, (when
 * asked) has no response from this phone yet and that the key is unused, so concurrent
 * submissions can neither overshoot the limit nor store a resend twice; the key's claim (holding
 * the receipt) follows the row; the same batch reads back the receipt, or why there is none.
 * @example const r = await submitResponse(db, { formId: 3, version: 2, answers, phone: null, receipt, maxResponses: null, onePerPhone: false, key })
 */
export const submitResponse = async (
  db: Db,
  r: NewResponse,
  now = Date.now(),
): Promise<ResponseStored | { refused: 'closed' | 'full' | 'duplicate_phone' }> => {
  const key = claimKey(r.formId, r.key)
  const [, , stored, why] = await batch(db, [
    rawAll(
      db,
      sql`
      INSERT INTO form_responses (form_id, version, answers, phone, receipt, created_at)
      SELECT ${r.formId}, ${r.version}, ${JSON.stringify(r.answers)}, ${r.phone}, ${r.receipt}, ${now}
      WHERE EXISTS (SELECT 1 FROM forms WHERE id = ${r.formId} AND status = 'open'
                      AND (opens_at IS NULL OR opens_at <= ${now})
                      AND (closes_at IS NULL OR closes_at > ${now}))
        AND (${r.maxResponses} IS NULL
             OR (SELECT COUNT(*) FROM form_responses WHERE form_id = ${r.formId}) < ${r.maxResponses})
        AND (${r.onePerPhone ? 1 : 0} = 0 OR ${r.phone} IS NULL
             OR NOT EXISTS (SELECT 1 FROM form_responses WHERE form_id = ${r.formId} AND phone = ${r.phone}))
        AND NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE key = ${key} AND status <> 0)`,
    ),
    // A pending claim (status 0) can only be left by an older version's request that died: take it.
    rawAll(
      db,
      sql`
      INSERT INTO idempotency_keys (key, scope, status, body, created_at, request_hash)
      SELECT ${key}, ${`form:${r.formId}`}, 201, json_object('receipt', receipt), ${now}, ${r.requestHash}
      FROM form_responses WHERE receipt = ${r.receipt}
      ON CONFLICT (key) DO UPDATE SET status = excluded.status, body = excluded.body,
        request_hash = excluded.request_hash
        WHERE idempotency_keys.status = 0`,
    ),
    rawAll<StoredRow>(
      db,
      sql`SELECT body, request_hash FROM idempotency_keys WHERE key = ${key} AND status <> 0`,
    ),
    rawAll<{ full: number; dup: number }>(
      db,
      sql`
      SELECT (SELECT COUNT(*) FROM form_responses WHERE form_id = ${r.formId}) >= COALESCE(${r.maxResponses}, 1e18) AS full,
             EXISTS (SELECT 1 FROM form_responses WHERE form_id = ${r.formId} AND phone = ${r.phone}) AS dup
      WHERE NOT EXISTS (SELECT 1 FROM form_responses WHERE receipt = ${r.receipt})`,
    ),
    // The opt-in and the receipt it asks for, only with the response this batch stored.
    ...(r.notify && r.phone
      ? [
          ...optInStatements(db, {
            subjectType: 'form_response',
            subjectId: sql`(SELECT id FROM form_responses WHERE receipt = ${r.receipt})`,
            townId: sql`(SELECT town_id FROM forms WHERE id = ${r.formId})`,
            phone: r.phone,
            lang: r.notify.lang,
            at: now,
          }),
          formReceiptStatement(db, r.receipt, now),
        ]
      : []),
    ...(r.extra ?? []),
  ])
  if (stored[0]) return storedOf(stored[0])
  const { full, dup } = why[0]
  return { refused: dup && r.onePerPhone ? 'duplicate_phone' : full ? 'full' : 'closed' }
}
