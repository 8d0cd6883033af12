// The cron job (wrangler.toml [triggers]): upkeep that can wait a few minutes.
import { createDb } from './db/client'
import { tokenizeTopics } from './db/queries/topics/similar'
import { weeklyCheckins } from './db/queries/programmes/weekly'
import { forgetSupportAddresses } from './db/queries/resident/supports'
import { runRetention } from './db/queries/privacy/retention'
import { retentionPolicy } from './domain/privacy/retention'
import { notifyUpkeep } from './notify/scheduled'

/** Most topics tokenized per run: a run stays well inside a cron invocation's limits. */
const TOKENIZE_PER_RUN = 5_000

/**
 * Topics filed before migration 0004 get their similar-topic tokens, so the needs form can
 * offer them as look-alikes. Returns how many were tokenized.
 * @example await upkeep(env) // 0 once everything is tokenized
 */
export const upkeep = async (env: Env) => {
  const db = createDb(env.DB)
  let done = 0
  while (done < TOKENIZE_PER_RUN) {
    const n = await tokenizeTopics(db)
    if (n === 0) break
    done += n
  }
  return done
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = (_controller, env, ctx) => {
  ctx.waitUntil(upkeep(env))
  ctx.waitUntil(weeklyCheckins(createDb(env.DB)))
  ctx.waitUntil(forgetSupportAddresses(createDb(env.DB)))
  // Retention (docs/privacy.md): personal data past its time is erased, in bounded batches.
  ctx.waitUntil(
    runRetention(createDb(env.DB), retentionPolicy(env as unknown as Record<string, unknown>)),
  )
  ctx.waitUntil(notifyUpkeep(env, createDb(env.DB), Date.now()))
}
