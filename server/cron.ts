// The scheduled job in-process: each cron expression of wrangler.toml [triggers] runs the app's
// `scheduled` handler, as Cloudflare runs it (UTC, five fields, Sunday = 1 in the day-of-week
// field as Cloudflare counts; SUN–SAT read the same everywhere). A run still going when its next
// time comes is not started twice. Promises handed to ctx.waitUntil are awaited and their
// failures logged.
import { Cron } from 'croner'
import { executionContext } from './context'

type Log = (line: string) => void

/**
 * Runs `handler` once as the cron trigger `cron` would; resolves when it and every promise it
 * passed to waitUntil have settled. Failures are logged, not thrown.
 * @example await runScheduled(scheduled, env, '*\/10 * * * *')
 */
export const runScheduled = async (
  handler: ExportedHandlerScheduledHandler<Env>,
  env: Env,
  cron: string,
  {
    scheduledTime = Date.now(),
    log = console.error as Log,
    self = async (_request: Request) => new Response(null, { status: 404 }),
  } = {},
) => {
  const pending = new Set<Promise<unknown>>()
  const controller: ScheduledController = { scheduledTime, cron, noRetry: () => {} }
  const ctx = executionContext(pending, self)
  try {
    await handler(controller, env, ctx)
  } catch (err) {
    log(`scheduled (${cron}) failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`)
  }
  // waitUntil logs its own failures.
  await Promise.allSettled([...pending])
}

/**
 * Starts one timer per cron expression; returns a function that stops them all.
 * @example const stop = scheduleCrons(['*\/10 * * * *'], (cron, time) => runScheduled(scheduled, env, cron, { scheduledTime: time }))
 */
export const scheduleCrons = (
  crons: string[],
  run: (cron: string, scheduledTime: number) => Promise<void>,
) => {
  const jobs = crons.map(
    (cron) =>
      new Cron(
        cron,
        {
          timezone: 'Etc/UTC',
          mode: '5-part',
          alternativeWeekdays: true,
          protect: true,
          unref: true,
        },
        async (job: Cron) => {
          await run(cron, job.currentRun()?.getTime() ?? Date.now())
        },
      ),
  )
  return () => {
    for (const job of jobs) job.stop()
  }
}
