// 监督评议 `/t/<code>/evaluate`: once a project is done, each voice among its topics' codes (a
// topic's own code, or a support code whose phone was verified: domain/voice.ts) may rate it
// once. An unverified support code is told, kindly, why it cannot rate yet.
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { IDEMPOTENCY_KEY, once, requestHash, sameRequest } from '../lib/idempotency'
import { normalizeTrackingCode, TRACKING_CODE } from '../domain/tracking-code'
import {
  canEvaluate,
  checkEvaluation,
  COMMENT_MAX,
  type EvaluationRefusal,
} from '../domain/evaluation'
import { insertEvaluation } from '../db/queries/resident/evaluations'
import { storedResult } from '../db/queries/resident/idempotency'
import { trackingLookup, trackingView, type TrackingView } from '../db/queries/resident/tracking'
import { langOf, t, type Lang, type MessageKey } from './i18n'
import { ErrorSummary, messagePage, RadioGroup, renderPage, TextArea } from './layout'
import {
  batchHit,
  newFormKey,
  overLimit,
  readForm,
  waitAfter,
  withLang,
  type PageContext,
} from './common'
import { tooManyPage } from './errors'
import { unknownCode } from './track'

type Values = { resolved: string; satisfaction: string; comment: string }

const refusalKey: Record<EvaluationRefusal, MessageKey> = {
  no_project: 'eval.no_project',
  not_done: 'eval.not_done',
  no_voice: 'eval.no_voice',
  already: 'eval.already',
}

const BackLink = ({ c, lang, code }: { c: PageContext; lang: Lang; code: string }) => (
  <p>
    <a class="btn" href={withLang(c, `/t/${code}`)}>
      {t(lang, 'receipt.track')}
    </a>
  </p>
)

const refuse = (
  c: PageContext,
  lang: Lang,
  code: string,
  reason: EvaluationRefusal,
  status: 200 | 409 | 422,
) =>
  messagePage(c, {
    lang,
    status,
    title: t(lang, 'track.title'),
    body: t(lang, refusalKey[reason]),
    extra: <BackLink c={c} lang={lang} code={code} />,
  })

const thanks = (c: PageContext, lang: Lang, code: string) =>
  messagePage(c, {
    lang,
    title: t(lang, 'eval.thanks'),
    body: t(lang, 'eval.thanks_body'),
    extra: <BackLink c={c} lang={lang} code={code} />,
  })

const EvaluationForm = (p: {
  c: PageContext
  lang: Lang
  code: string
  view: TrackingView
  values: Values
  errors: Record<string, string>
  idemKey: string
}) => {
  const { lang, values: v, errors: e } = p
  return (
    <>
      <h1>{t(lang, 'eval.title', { project: p.view.project?.title ?? '' })}</h1>
      <p>{t(lang, 'eval.intro')}</p>
      <ErrorSummary lang={lang} errors={e} />
      <form method="post" action={withLang(p.c, `/t/${p.code}/evaluate`)} novalidate>
        <input type="hidden" name="key" value={p.idemKey} />
        <RadioGroup
          lang={lang}
          name="resolved"
          label={t(lang, 'eval.resolved')}
          options={(['solved', 'partly', 'not'] as const).map((r) => ({
            value: r,
            label: t(lang, `eval.${r}`),
          }))}
          value={v.resolved}
          error={e.resolved}
          required
        />
        <RadioGroup
          lang={lang}
          name="satisfaction"
          label={t(lang, 'eval.satisfaction')}
          options={(['5', '4', '3', '2', '1'] as const).map((s) => ({
            value: s,
            label: t(lang, `eval.s${s}`),
          }))}
          value={v.satisfaction}
          error={e.satisfaction}
          required
        />
        <TextArea
          lang={lang}
          name="comment"
          label={t(lang, 'eval.comment')}
          value={v.comment}
          error={e.comment}
          rows={3}
        />
        <button type="submit" class="wide">
          {t(lang, 'eval.submit')}
        </button>
      </form>
    </>
  )
}

/** The code in the path, and its tracking view (null when unknown). */
const load = async (c: PageContext) => {
  const code = normalizeTrackingCode(c.req.param('code') ?? '')
  const view = TRACKING_CODE.test(code) ? await trackingView(c.var.db, code) : null
  return { code, view }
}

export const evaluate = new Hono<AppEnv>()

evaluate.get('/t/:code/evaluate', async (c) => {
  const lang = langOf(c)
  const code = normalizeTrackingCode(c.req.param('code') ?? '')
  const { view, hits } = TRACKING_CODE.test(code)
    ? await trackingLookup(c.var.db, code, { hit: batchHit(c, 'track') })
    : { view: null, hits: 0 }
  const wait = waitAfter('track', hits)
  if (wait) return tooManyPage(c, lang, wait)
  if (!view) return unknownCode(c, lang, c.req.param('code'))
  const allowed = canEvaluate({
    projectStatus: view.project?.status,
    voice: view.voice,
    alreadyEvaluated: view.evaluated,
  })
  if (!allowed.ok) return refuse(c, lang, code, allowed.reason, 200)
  return renderPage(
    c,
    { lang, title: t(lang, 'eval.title', { project: view.project!.title }) },
    <EvaluationForm
      c={c}
      lang={lang}
      code={code}
      view={view}
      values={{ resolved: '', satisfaction: '', comment: '' }}
      errors={{}}
      idemKey={newFormKey()}
    />,
  )
})

evaluate.post('/t/:code/evaluate', async (c) => {
  const db = c.var.db
  const lang = langOf(c)
  const form = await readForm(c)
  const values: Values = {
    resolved: form.resolved ?? '',
    satisfaction: form.satisfaction ?? '',
    comment: form.comment ?? '',
  }
  const key = IDEMPOTENCY_KEY.test(form.key ?? '') ? form.key : newFormKey()
  // One parallel round; a resend is answered from its stored result even when over the limit.
  const scope = `evaluate:${normalizeTrackingCode(c.req.param('code'))}`
  const [{ code, view }, stored, wait] = await Promise.all([
    load(c),
    storedResult(db, scope, key),
    overLimit(c, 'evaluate'),
  ])
  if (!view) return unknownCode(c, lang, c.req.param('code'))
  // A resend of the rating that went through is thanked again; the same key with another
  // rating is refused (one rating per code: this one was not taken).
  if (stored)
    return sameRequest(stored.requestHash, await requestHash(values))
      ? thanks(c, lang, code)
      : refuse(c, lang, code, 'already', 422)
  if (wait) return tooManyPage(c, lang, wait)

  const allowed = canEvaluate({
    projectStatus: view.project?.status,
    voice: view.voice,
    alreadyEvaluated: view.evaluated,
  })
  if (!allowed.ok) return refuse(c, lang, code, allowed.reason, 409)

  const checked = checkEvaluation(values)
  if (!checked.ok) {
    const errors: Record<string, string> = {}
    if (checked.errors.resolved)
      errors.resolved = t(lang, 'err.choose', { label: t(lang, 'eval.resolved') })
    if (checked.errors.satisfaction)
      errors.satisfaction = t(lang, 'err.choose', { label: t(lang, 'eval.satisfaction') })
    if (checked.errors.comment)
      errors.comment = t(lang, 'err.too_long', {
        label: t(lang, 'eval.comment'),
        max: COMMENT_MAX,
        n: [...values.comment.trim()].length,
      })
    return renderPage(
      c,
      { lang, title: t(lang, 'eval.title', { project: view.project!.title }), status: 400 },
      <EvaluationForm
        c={c}
        lang={lang}
        code={code}
        view={view}
        values={values}
        errors={errors}
        idemKey={key}
      />,
    )
  }

  const projectId = view.project!.id
  const result = await once(db, key, scope, values, async () => {
    const stored = await insertEvaluation(db, { projectId, code, ...checked.value })
    return { status: stored ? 200 : 409, body: { stored } }
  })
  if (!result.body.stored) return refuse(c, lang, code, 'already', 409)
  return thanks(c, lang, code)
})
