import { cases as residentCases } from './resident.mjs'

// Notifications (issue 16): filing a need with the "有进展时短信通知我" opt-in (a phone, the
// contact consent and the notify consent, recorded in the same batch as the topic) against the
// same submit without it (resident.mjs' resident-submit). Goal: within 10% of it.

const submit = residentCases.find((c) => c.name === 'resident-submit')

/** A distinct mainland mobile number per request (random for the probe and warm-up). */
const phoneOf = (i) => `139${String(i < 0 ? Math.floor(Math.random() * 1e8) : i).padStart(8, '0')}`

/** `n` random CJK characters (resident-submit's titles and details repeat per index). */
const cjk = (n) =>
  Array.from({ length: n }, () =>
    String.fromCharCode(0x4e00 + Math.floor(Math.random() * 0x1400)),
  ).join('')

const withOptIn = (ctx, i) => {
  const req = submit.request(ctx, i)
  const body = new URLSearchParams(req.body)
  // Its own idempotency keys and words: resident-submit's (same run and index) would be a resend
  // of another need under the same key (422), or stop at the look-alike step (200).
  body.set('key', `notify-${body.get('key')}`)
  body.set('title', `${cjk(12)}${Math.abs(i)}`)
  body.set('details', cjk(60))
  body.set('phone', phoneOf(i))
  body.set('consent', '1')
  body.set('notify', '1')
  return { ...req, body: body.toString() }
}

export const cases = [
  {
    name: 'resident-submit-notify',
    title: 'POST /q/<code> with a phone and 有进展时短信通知我 (the consent in the same batch)',
    order: 51.5,
    goal: 0.45,
    setup: submit.setup,
    request: withOptIn,
    // Filed: 303 to the receipt, as resident-submit.
    expect: 303,
  },
]

export const reports = [
  {
    name: 'notify-opt-in-cost',
    title: 'Needs submit with the notification opt-in, against the submit without it (goal ≥ 0.9)',
    run: async (ctx) => {
      const row = (name) => ctx.cases?.find((c) => c.name === name)
      const plain = row('resident-submit')
      const notify = row('resident-submit-notify')
      if (!plain?.rps || !notify?.rps)
        return { lines: ['run with --only resident-submit,resident-submit-notify (and floor)'] }
      const ratio = Number((notify.rps / plain.rps).toFixed(2))
      const records = await ctx.query(
        "SELECT count(*) AS n FROM consents WHERE purpose = 'notify' AND subject_type = 'topic'",
      )
      const consents = records[0].results[0].n
      return {
        lines: [
          `without opt-in ${plain.rps} req/s (p50 ${plain.p50} ms, p99 ${plain.p99} ms)`,
          `with opt-in    ${notify.rps} req/s (p50 ${notify.p50} ms, p99 ${notify.p99} ms)`,
          `ratio ${ratio} ${ratio >= 0.9 ? '✓' : '✗'} (goal ≥ 0.9); notify consents recorded: ${consents}`,
        ],
        data: { plain: plain.rps, notify: notify.rps, ratio, consents },
      }
    },
  },
]
