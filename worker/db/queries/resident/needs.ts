// Queries behind the needs form (`/q/<code>`, `/n/<slug>/new`): its channel, categories and
// scan count, and the filing of a resident's topic. Each request is ONE D1 batch: reads keyed
// by what the URL carries through subqueries, and the filing with every check folded into the
// insert's condition, so that nothing waits on an earlier read.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { createTopicStatements, TRACKING_CODE_CLASH, type NewTopic } from '../topics/create'
import { anySimilar, similarTopicsQuery } from '../topics/similar'
import type { TopicStatus } from '../../../domain/vocabulary'
import { storedTokens } from '../../../domain/similar-topics'
import { newChannelCode } from '../../../domain/channel-code'
import { newTrackingCode } from '../../../domain/tracking-code'
import { hitStatement } from '../rate-limit'
import { batchRows, type BatchHit, hitsOf } from '../../batch'
import { retryOnClash } from '../../errors'
import { consentForRowsSql } from '../privacy/consents'
import { NOTICE_VERSION } from '../../../domain/privacy/consent'
import { optInQueries } from '../notify/outbox'

export type ChannelInfo = {
  id: number
  neighborhoodId: number
  gridId: number | null
  kind: string
  label: string
  code: string
  active: number
  neighborhoodName: string
  neighborhoodSlug: string
  /** The committee's phone for the poster ('' when not set). */
  contactPhone: string
}

const channelColumns = sql`c.id, c.neighborhood_id AS neighborhoodId, c.grid_id AS gridId, c.kind,
  c.label, c.code, c.active, n.name AS neighborhoodName, n.slug AS neighborhoodSlug,
  n.contact_phone AS contactPhone`

/** Where a needs form comes from: a QR point's code, or a neighborhood's slug (its web channel). */
export type FormSource = { code: string } | { slug: string }

const channelQuery = (source: FormSource) =>
  'code' in source
    ? sql`SELECT ${channelColumns} FROM channels c JOIN neighborhoods n ON n.id = c.neighborhood_id
        WHERE c.code = ${source.code}`
    : sql`SELECT ${channelColumns} FROM channels c JOIN neighborhoods n ON n.id = c.neighborhood_id
        WHERE n.slug = ${source.slug} AND c.kind = 'web' ORDER BY c.active DESC, c.id LIMIT 1`

/** A channel by its code (any state), with its neighborhood's name and slug. */
export const channelByCode = (db: Db, code: string) =>
  db.get<ChannelInfo | undefined>(channelQuery({ code }))

const channelIdOf = (source: FormSource) =>
  'code' in source
    ? sql`(SELECT id FROM channels WHERE code = ${source.code})`
    : sql`(SELECT c.id FROM channels c JOIN neighborhoods n ON n.id = c.neighborhood_id
        WHERE n.slug = ${source.slug} AND c.kind = 'web' ORDER BY c.active DESC, c.id LIMIT 1)`

/**
 * Creates the neighborhood's "web" channel on first use: one conditional insert, so two
 * concurrent first visits still make one. Does nothing for an unknown slug.
 */
export const ensureWebChannel = (db: Db, slug: string) =>
  db.run(sql`INSERT INTO channels (neighborhood_id, kind, label, code, created_at)
    SELECT n.id, 'web', '网上提交', ${newChannelCode()}, ${Date.now()} FROM neighborhoods n
    WHERE n.slug = ${slug}
      AND NOT EXISTS (SELECT 1 FROM channels c WHERE c.neighborhood_id = n.id AND c.kind = 'web')`)

export type CategoryOption = { id: number; name: string; nameEn: string }

const categoriesQuery = sql`SELECT id, name, name_en AS nameEn FROM categories WHERE active = 1 ORDER BY sort_order, id`

const storedQuery = (key: string | null | undefined) =>
  sql`SELECT body, request_hash FROM idempotency_keys WHERE key = ${`needs:${key ?? ''}`} AND status <> 0`

/** The rate-limit key of a client on this form: per client address and neighborhood. */
const hitKeyOf = (hit: BatchHit, source: FormSource) =>
  sql`${hit.key} || ':' || COALESCE((SELECT neighborhood_id FROM channels WHERE id = ${channelIdOf(source)}), 0)`

export type NeedsFormData = {
  /** The channel in any state; null when the code or slug is unknown. */
  channel: ChannelInfo | null
  categories: CategoryOption[]
  /** For a resend of a filed form: the receipt it got, and the hash of what was filed. */
  stored: { code: string; requestHash: string | null } | null
  /** Hits so far in the window, when a hit was asked for (per client and neighborhood). */
  hits: number
}

const formData = (
  channels: unknown[],
  categories: unknown[],
  stored: unknown[],
  hits: unknown[],
): NeedsFormData => {
  const storedRow = stored[0] as { body: string; request_hash: string | null } | undefined
  return {
    channel: (channels[0] as ChannelInfo | undefined) ?? null,
    categories: categories as CategoryOption[],
    stored: storedRow
      ? { ...JSON.parse(storedRow.body), requestHash: storedRow.request_hash }
      : null,
    hits: hitsOf(hits),
  }
}

/**
 * Everything the needs form needs, in one batch: the channel, the active categories, and
 * optionally a scan, the stored result of this idempotency key and a rate-limit hit. A scan is
 * counted once per client and channel in its window (`scan`: the client's key and the window),
 * so reloading a page or a script does not inflate a QR point's figure. A neighborhood's web
 * channel is created on its first visit.
 * @example const data = await needsFormData(db, { code: 'K7QM4XRT' }, { scan: { key: 'scan:1.2.3.4', windowMs: 1_800_000 } })
 */
export const needsFormData = async (
  db: Db,
  source: FormSource,
  opts: { scan?: BatchHit; key?: string | null; hit?: BatchHit } = {},
): Promise<NeedsFormData> => {
  const queries: SQL[] = [
    channelQuery(source),
    categoriesQuery,
    storedQuery(opts.key),
    opts.hit ? hitStatement(hitKeyOf(opts.hit, source), opts.hit.windowMs) : sql`SELECT 1 WHERE 0`,
  ]
  if (opts.scan) {
    const scanKey = sql`${opts.scan.key} || ':' || COALESCE(${channelIdOf(source)}, 0)`
    queries.push(
      hitStatement(scanKey, opts.scan.windowMs),
      sql`UPDATE channels SET scans = scans + 1 WHERE id = ${channelIdOf(source)} AND active = 1
        AND (SELECT count FROM rate_limits WHERE key = ${scanKey}) = 1`,
    )
  }
  const [channels, categories, stored, hits] = await batchRows(db, queries)
  if (!channels.length && 'slug' in source && (await webChannelMade(db, source.slug)))
    return needsFormData(db, source, opts)
  return formData(channels, categories, stored, hits)
}

/** Makes the neighborhood's web channel if it has none; whether there is one now. */
const webChannelMade = async (db: Db, slug: string) => {
  await ensureWebChannel(db, slug)
  return !!(await db.get<ChannelInfo | undefined>(channelQuery({ slug })))
}

export type SimilarTopic = {
  id: number
  title: string
  supportCount: number
  status: TopicStatus
  score: number
}

export type NeedToFile = {
  /** The form's idempotency key: a resend gets the first receipt and files nothing. */
  key: string
  /** What the key is stored with (lib/idempotency `requestHash` of the form's values). */
  requestHash: string
  /** The client's rate limit, counted in the same batch; over `limit`, nothing is filed. */
  hit: BatchHit & { limit: number }
  /** The checked fields; the channel gives the neighborhood, grid and channel. */
  topic: Omit<NewTopic, 'neighborhoodId' | 'gridId' | 'channelId' | 'createdBy' | 'tokens'> & {
    categoryId: number
  }
  /** The resident saw the look-alikes and files anyway: no similar-topic check. */
  confirmed: boolean
  /** Opted in to SMS progress notifications (with a phone), in the language of the form. */
  notify?: { lang: 'zh' | 'en' }
}

export type NeedFiled = NeedsFormData & {
  /** The new topic's tracking code; null when nothing was filed (the other fields say why). */
  code: string | null
  /** When the look-alike check stopped the filing: the look-alikes, best first. */
  similar: SimilarTopic[]
}

/**
 * Files a resident's topic in ONE D1 batch, exactly once per idempotency key: it counts the
 * rate-limit hit, then inserts the topic only if the channel and category are active, the key
 * is unused, the client is within its limit and (unless `confirmed`) no open topic looks like
 * it; the first event, the channel's count and the key's claim (holding the receipt) follow the
 * row. The same batch reads back what the page needs to say why when nothing was filed, except
 * the look-alikes: a second query reads them when the draft was stopped. D1 runs batches one at
 * a time, so a concurrent resend sees the claim and files nothing.
 * @example const r = await fileNeed(db, { code: 'K7QM4XRT' }, need); if (r.code) showReceipt(r.code)
 */
export const fileNeed = (
  db: Db,
  source: FormSource,
  need: NeedToFile,
  now = Date.now(),
  codes: () => string = newTrackingCode,
): Promise<NeedFiled> =>
  // A taken code fails the batch before anything is kept (the rate-limit hit included).
  retryOnClash(TRACKING_CODE_CLASH, () => fileNeedOnce(db, source, need, now, codes()))

const fileNeedOnce = async (
  db: Db,
  source: FormSource,
  need: NeedToFile,
  now: number,
  trackingCode: string,
): Promise<NeedFiled> => {
  const channelId = channelIdOf(source)
  const neighborhoodId = sql`(SELECT neighborhood_id FROM channels WHERE id = ${channelId})`
  const hitKey = hitKeyOf(need.hit, source)
  const claimKey = `needs:${need.key}`
  // Tokenized once: the look-alike check compares them, and they are stored with the topic.
  const tokens = storedTokens(need.topic)
  const draft = { neighborhoodId, categoryId: need.topic.categoryId, tokens }
  const when = sql`EXISTS (SELECT 1 FROM channels WHERE id = ${channelId} AND active = 1)
    AND EXISTS (SELECT 1 FROM categories WHERE id = ${need.topic.categoryId} AND active = 1)
    AND NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE key = ${claimKey})
    AND (SELECT count FROM rate_limits WHERE key = ${hitKey}) <= ${need.hit.limit}
    AND ${need.confirmed ? sql`1` : sql`NOT ${anySimilar(draft)}`}`
  const filing = createTopicStatements(
    {
      ...need.topic,
      neighborhoodId,
      gridId: sql`(SELECT grid_id FROM channels WHERE id = ${channelId})`,
      channelId,
      tokens,
    },
    now,
    when,
    trackingCode,
  )
  const [hits, , , , , , channels, categories, stored] = await batchRows(db, [
    hitStatement(hitKey, need.hit.windowMs, now),
    filing.insert,
    filing.event,
    filing.count,
    filing.tokens,
    sql`INSERT INTO idempotency_keys (key, scope, status, body, created_at, request_hash)
      SELECT ${claimKey}, 'needs', 200, json_object('code', tracking_code), ${now}, ${need.requestHash}
      FROM topics
      WHERE tracking_code = ${trackingCode}`,
    channelQuery(source),
    categoriesQuery,
    storedQuery(need.key),
    // The resident's consent to be contacted, recorded with the notice version (#17).
    need.topic.consentAt
      ? consentForRowsSql(
          {
            subjectType: 'topic',
            purpose: 'contact',
            noticeVersion: NOTICE_VERSION,
            givenVia: 'web',
            at: now,
          },
          sql`SELECT n.town_id, t.submitter_phone AS phone, t.id AS subject_id FROM topics t
            JOIN neighborhoods n ON n.id = t.neighborhood_id WHERE t.tracking_code = ${trackingCode}`,
        )
      : sql`SELECT 1 WHERE 0`,
    // 有进展时短信通知我: recorded only with the topic it was given on.
    ...(need.notify && need.topic.submitterPhone
      ? optInQueries({
          subjectType: 'topic',
          subjectId: sql`(SELECT id FROM topics WHERE tracking_code = ${trackingCode})`,
          townId: sql`(SELECT town_id FROM neighborhoods WHERE id = ${neighborhoodId})`,
          phone: need.topic.submitterPhone,
          lang: need.notify.lang,
          at: now,
        })
      : []),
  ])
  if (!channels.length && 'slug' in source && (await webChannelMade(db, source.slug)))
    return fileNeed(db, source, need, now)
  const data = formData(channels, categories, stored, hits)
  const filed = data.stored?.code === trackingCode
  const outcome = {
    ...data,
    stored: filed ? null : data.stored,
    code: filed ? trackingCode : null,
    similar: [] as SimilarTopic[],
  }
  if (filed || need.confirmed || data.stored) return outcome
  // Only a draft that was stopped needs its look-alikes: read here, not in every filing's batch
  // (a third of the batch's time when it files).
  return { ...outcome, similar: await db.all<SimilarTopic>(similarTopicsQuery(draft)) }
}
