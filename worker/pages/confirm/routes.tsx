// 居民打钩 `/g/<neighborhood>`: the public steps of the neighborhood's programmes (九个一), and
// `/g/<neighborhood>/<item>`: one done step with its evidence and residents' answers, where a
// resident confirms it (我确认已完成) or disputes it (还没有做到) once, with a tracking code of
// the neighborhood or a verified (volunteer) phone. No JavaScript; the form carries a hidden
// idempotency key, so a double tap or a resend records one answer. The rules are
// domain/programmes/confirmation.ts; recording is one guarded batch (db/queries/programmes).
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import {
  type Outcome,
  type PublicItem,
  publicItem,
  publicSteps,
  recordAnswer,
} from '../../db/queries/programmes/confirmations'
import {
  COMMENT_MAX,
  type ConfirmationErrors,
  DEVICE_WINDOW_MS,
  readConfirmation,
} from '../../domain/programmes/confirmation'
import { toDay } from '../../domain/programmes/days'
import { IDEMPOTENCY_KEY, requestHash, sameRequest } from '../../lib/idempotency'
import { sha256Hex } from '../../domain/digest'
import { clientAddress } from '../../lib/client-address'
import { retryAfterSeconds } from '../../db/queries/rate-limit'
import { minutesOf, newFormKey, readForm, withLang, type PageContext } from '../common'
import { notFound } from '../errors'
import { colon, langOf, t, type Lang } from '../i18n'
import { ErrorSummary, messagePage, renderPage, TextArea, TextField } from '../layout'

/** Answers per client address in one window: a community room shares one address. */
export const CONFIRM_LIMIT = { limit: 30, windowMs: 10 * 60_000 }

type Values = { voice: string; vcode: string; comment: string }
const EMPTY: Values = { voice: '', vcode: '', comment: '' }

const Counts = ({ lang, s }: { lang: Lang; s: { confirmed: number; disputed: number } }) => (
  <p class="notice">{t(lang, 'confirm.counts', { c: s.confirmed, d: s.disputed })}</p>
)

const ListPage = (p: {
  c: PageContext
  lang: Lang
  data: NonNullable<Awaited<ReturnType<typeof publicSteps>>>
}) => {
  const { c, lang, data } = p
  const done = data.steps.filter((s) => s.done)
  const pending = data.steps.filter((s) => !s.done)
  return (
    <>
      <h1>{t(lang, 'confirm.list_title', { n: data.neighborhood.name })}</h1>
      <p>{t(lang, 'confirm.list_intro')}</p>
      {data.steps.length === 0 && <p>{t(lang, 'confirm.no_steps')}</p>}
      {done.length > 0 && <h2>{t(lang, 'confirm.done_section')}</h2>}
      <ul class="cards">
        {done.map((s) => (
          <li class="box">
            <h3>{s.title}</h3>
            <p class="meta">
              {s.programmeName} · {t(lang, 'confirm.done_on', { day: toDay(s.doneAt ?? 0) })}
            </p>
            <Counts lang={lang} s={s} />
            <a class="btn" href={withLang(c, `/g/${data.neighborhood.slug}/${s.id}`)}>
              {t(lang, 'confirm.answer')}
            </a>
          </li>
        ))}
      </ul>
      {pending.length > 0 && <h2>{t(lang, 'confirm.pending_section')}</h2>}
      <ul class="cards">
        {pending.map((s) => (
          <li class="box">
            <h3>{s.title}</h3>
            {s.dueAt !== null && (
              <p class="meta">{t(lang, 'confirm.due_by', { day: toDay(s.dueAt) })}</p>
            )}
          </li>
        ))}
      </ul>
    </>
  )
}

const errorWords = (lang: Lang, errors: ConfirmationErrors, comment: string) => {
  const out: Record<string, string> = {}
  if (errors.voice)
    out.voice =
      errors.voice === 'required'
        ? t(lang, 'confirm.err_voice_required')
        : t(lang, 'confirm.err_voice_invalid')
  if (errors.vcode) out.vcode = t(lang, 'confirm.err_vcode')
  if (errors.verdict) out.verdict = t(lang, 'confirm.err_verdict')
  if (errors.comment)
    out.comment = t(lang, 'confirm.err_comment', { max: COMMENT_MAX, n: [...comment].length })
  return out
}

const ItemPage = (p: {
  c: PageContext
  lang: Lang
  slug: string
  item: PublicItem
  values: Values
  errors: Record<string, string>
  idemKey: string
  /** Said above the form (a form sent again with another answer). */
  notice?: string
}) => {
  const { c, lang, item, values: v, errors: e } = p
  return (
    <>
      <p class="meta">
        {item.neighborhoodName} · {item.programmeName}
      </p>
      <h1>{item.title}</h1>
      <p>
        {item.done ? (
          <span class="tag">✓ {t(lang, 'confirm.done_on', { day: toDay(item.doneAt ?? 0) })}</span>
        ) : (
          item.dueAt !== null && (
            <span class="tag">{t(lang, 'confirm.due_by', { day: toDay(item.dueAt) })}</span>
          )
        )}
      </p>
      {item.doneWhen && (
        <>
          <h2>{t(lang, 'confirm.done_when')}</h2>
          <p>{item.doneWhen}</p>
        </>
      )}
      {item.done && (item.note || item.number !== null || item.photoUrl) && (
        <>
          <h2>{t(lang, 'confirm.evidence')}</h2>
          {item.note && <p>{item.note}</p>}
          {item.number !== null && (
            <p>
              {t(lang, 'confirm.number')}
              {colon(lang)}
              {item.number}
            </p>
          )}
          {item.photoUrl && (
            <p>
              <a class="tap" href={item.photoUrl} rel="noopener noreferrer nofollow">
                {t(lang, 'confirm.photo')}
              </a>
            </p>
          )}
        </>
      )}
      <Counts lang={lang} s={item} />
      {item.done ? (
        <>
          <ErrorSummary lang={lang} errors={e} />
          {p.notice && (
            <p class="box summary" role="alert">
              {p.notice}
            </p>
          )}
          <form method="post" action={withLang(c, `/g/${p.slug}/${item.id}`)} novalidate>
            <input type="hidden" name="key" value={p.idemKey} />
            <TextField
              lang={lang}
              name="voice"
              label={t(lang, 'confirm.voice')}
              hint={t(lang, 'confirm.voice_hint')}
              value={v.voice}
              error={e.voice}
              maxLength={20}
              required
            />
            <TextField
              lang={lang}
              name="vcode"
              label={t(lang, 'confirm.vcode')}
              value={v.vcode}
              error={e.vcode}
              maxLength={12}
            />
            <TextArea
              lang={lang}
              name="comment"
              label={t(lang, 'confirm.comment')}
              hint={t(lang, 'confirm.comment_hint')}
              value={v.comment}
              error={e.comment}
              rows={3}
            />
            {e.verdict && (
              <p class="err" id="f-verdict">
                {e.verdict}
              </p>
            )}
            <button type="submit" name="verdict" value="confirmed" class="wide">
              {t(lang, 'confirm.confirm')}
            </button>
            <button type="submit" name="verdict" value="disputed" class="wide alt">
              {t(lang, 'confirm.dispute')}
            </button>
            <p class="hint">{t(lang, 'confirm.privacy')}</p>
          </form>
        </>
      ) : (
        <p>{t(lang, 'confirm.closed_body')}</p>
      )}
      <p>
        <a class="tap" href={withLang(c, `/g/${p.slug}`)}>
          {t(lang, 'confirm.back')}
        </a>
      </p>
    </>
  )
}

/** The item id of the path, or a 404. */
const itemIdOf = (c: PageContext) => {
  const id = Number(c.req.param('itemId'))
  if (!Number.isSafeInteger(id) || id <= 0) notFound()
  return id
}

/** One device: the client's address and browser, hashed (nothing personal is stored). */
const deviceOf = (c: PageContext) =>
  sha256Hex(`${clientAddress(c)}|${c.req.header('user-agent') ?? ''}`)

export const confirmPages = new Hono<AppEnv>()

confirmPages.get('/g/:slug', async (c) => {
  const lang = langOf(c)
  const data = await publicSteps(c.var.db, c.req.param('slug'))
  if (!data) return notFound()
  return renderPage(
    c,
    { lang, title: t(lang, 'confirm.list_title', { n: data.neighborhood.name }) },
    <ListPage c={c} lang={lang} data={data} />,
  )
})

confirmPages.get('/g/:slug/:itemId', async (c) => {
  const lang = langOf(c)
  const slug = c.req.param('slug')
  const { item } = await publicItem(c.var.db, slug, itemIdOf(c))
  if (!item) return notFound()
  return renderPage(
    c,
    { lang, title: item.title },
    <ItemPage
      c={c}
      lang={lang}
      slug={slug}
      item={item}
      values={EMPTY}
      errors={{}}
      idemKey={newFormKey()}
    />,
  )
})

confirmPages.post('/g/:slug/:itemId', async (c) => {
  const lang = langOf(c)
  const slug = c.req.param('slug')
  const itemId = itemIdOf(c)
  const form = await readForm(c)
  const values: Values = {
    voice: form.voice ?? '',
    vcode: form.vcode ?? '',
    comment: form.comment ?? '',
  }
  const key = IDEMPOTENCY_KEY.test(form.key ?? '') ? form.key : newFormKey()
  // One read batch: the step, the stored outcome of this form's key, this address's hits.
  const { item, stored, hits } = await publicItem(c.var.db, slug, itemId, {
    key,
    hit: { key: `confirm:${clientAddress(c)}`, windowMs: CONFIRM_LIMIT.windowMs },
  })
  if (!item) return notFound()
  const back = (
    <p>
      <a class="btn" href={withLang(c, `/g/${slug}/${item.id}`)}>
        {t(lang, 'confirm.back')}
      </a>
    </p>
  )
  const form400 = (errors: Record<string, string>, idemKey: string, status: 400 | 422 = 400) =>
    renderPage(
      c,
      { lang, title: item.title, status },
      <ItemPage
        c={c}
        lang={lang}
        slug={slug}
        item={item}
        values={values}
        errors={errors}
        idemKey={idemKey}
        notice={status === 422 ? t(lang, 'err.stale') : undefined}
      />,
    )
  const answer = (outcome: Outcome, verdict: string) => {
    if (outcome === 'recorded')
      return messagePage(c, {
        lang,
        title: t(lang, 'confirm.thanks_title'),
        body:
          verdict === 'disputed'
            ? t(lang, 'confirm.thanks_disputed')
            : t(lang, 'confirm.thanks_confirmed'),
        extra: back,
      })
    if (outcome === 'unknown_voice')
      return form400({ voice: t(lang, 'confirm.err_voice_unknown') }, newFormKey())
    const [title, body] =
      outcome === 'already'
        ? [t(lang, 'confirm.already_title'), t(lang, 'confirm.already_body')]
        : outcome === 'device'
          ? [
              t(lang, 'confirm.device_title'),
              t(lang, 'confirm.device_body', { m: minutesOf(DEVICE_WINDOW_MS / 1000) }),
            ]
          : [t(lang, 'confirm.closed_title'), t(lang, 'confirm.closed_body')]
    return messagePage(c, { lang, status: 409, title, body, extra: back })
  }
  const read = readConfirmation({ ...values, verdict: form.verdict })
  const hash = read.ok ? await requestHash(read.value) : null
  // A resend is answered from its stored outcome, even when over the limit; the key reused with
  // another answer records nothing and shows the form again (what was typed kept), fresh key.
  if (stored)
    return hash && sameRequest(stored.requestHash, hash)
      ? answer(stored.outcome, stored.verdict)
      : form400({}, newFormKey(), 422)
  if (hits > CONFIRM_LIMIT.limit) {
    const wait = retryAfterSeconds(CONFIRM_LIMIT.windowMs)
    c.header('Retry-After', String(wait))
    return messagePage(c, {
      lang,
      status: 429,
      title: t(lang, 'confirm.rate_title'),
      body: t(lang, 'confirm.rate_body', { m: minutesOf(wait) }),
      extra: back,
    })
  }
  if (!read.ok || hash === null)
    return form400(read.ok ? {} : errorWords(lang, read.errors, values.comment), key)
  const outcome = await recordAnswer(c.var.db, {
    itemId: item.id,
    neighborhoodId: item.neighborhoodId,
    ...read.value,
    device: await deviceOf(c),
    key,
    requestHash: hash,
    windowMs: DEVICE_WINDOW_MS,
  })
  return answer(outcome, read.value.verdict)
})
