import { sql, type SQL } from 'drizzle-orm'

// Who has a voice, as SQL: the one rule of domain/voice.ts (`voiceOf`), for the statements that
// store a rating (evaluations.ts), show the rating link (tracking.ts) and record a 居民打钩 answer
// (queries/programmes/confirmations.ts). tests/one-voice.test.ts checks it against `voiceOf`.

/**
 * The voice `code` gives, as an SQL value: 'code' for a topic's own code (its filer's), 'verified'
 * for the code of a supporter whose phone was verified, NULL for none. With `neighborhoodId`, only
 * a topic of that neighborhood gives a voice.
 * @example sql`INSERT INTO evaluations (…, source) SELECT …, ${voiceSourceSql(code)} WHERE ${voiceSourceSql(code)} IS NOT NULL`
 */
export const voiceSourceSql = (code: string, neighborhoodId?: number | SQL): SQL => {
  const within = (column: SQL) =>
    neighborhoodId === undefined ? sql`` : sql` AND ${column} = ${neighborhoodId}`
  return sql`(CASE
    WHEN EXISTS (SELECT 1 FROM topics ft WHERE ft.tracking_code = ${code}${within(sql`ft.neighborhood_id`)})
      THEN 'code'
    WHEN EXISTS (SELECT 1 FROM supports vs JOIN topics vt ON vt.id = vs.topic_id
      WHERE vs.tracking_code = ${code} AND vs.phone_verified_at IS NOT NULL${within(sql`vt.neighborhood_id`)})
      THEN 'verified'
    END)`
}
