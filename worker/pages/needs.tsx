// The needs form: `/q/<code>` (a QR point: counts a scan, records the channel) and
// `/n/<neighborhood>/new` (the neighborhood's "web" channel); for staff, a QR point's code as SVG
// (`/q/<code>/qr.svg`) and its printable poster (`/q/<code>/poster`), both holding the absolute
// URL of `/q/<code>` on the host that served them. A POST goes through, in order:
// honeypot → idempotency (a resend returns the first receipt) → rate limit → validation →
// "is it one of these?" → filing. Every path that does not file re-renders what was typed.
// A well-formed POST goes straight to `fileNeed`, which makes the checks that need the database
// inside its one batch; `answer` then says why, if nothing was filed.
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { IDEMPOTENCY_KEY, requestHash, sameRequest } from '../lib/idempotency'
import { newTrackingCode } from '../domain/tracking-code'
import {
  channelByCode,
  fileNeed,
  needsFormData,
  type CategoryOption,
  type ChannelInfo,
  type FormSource,
  type NeedsFormData,
  type SimilarTopic,
} from '../db/queries/resident/needs'
import { t, langOf, type Lang } from './i18n'
import { messagePage, renderPage } from './layout'
import { notFound } from './errors'
import { qrResponse, renderPoster } from './poster'
import { qrPointPoster } from './posters'
import { HONEYPOT, NeedsForm, emptyNeed, type NeedValues } from './needs-form'
import { checkContact, contactValues } from './contact'
import { SimilarStep } from './similar'
import { Receipt } from './receipt'
import {
  LIMITS,
  batchHit,
  charCount,
  minutesOf,
  newFormKey,
  originOf,
  readForm,
  waitAfter,
  withLang,
  filedCodes,
  rememberFiled,
  type PageContext,
} from './common'
import { cleanText } from '../domain/text'
import { MOBILE_PHONE } from '../domain/masking'

export const LIMITS_NEED = { title: 60, details: 1000, where: 60 } as const

const CODE = /^[A-Z0-9]{4,16}$/
/** A channel code as printed or typed: case and dashes do not matter. */
const channelCodeOf = (raw: string) => {
  const code = raw.replace(/[\s-]/g, '').toUpperCase()
  return CODE.test(code) ? code : null
}

/** The posted form as the resident typed it. */
export const needValues = (form: Record<string, string>): NeedValues => ({
  title: form.title ?? '',
  details: form.details ?? '',
  categoryId: form.categoryId ?? '',
  where: form.where ?? '',
  ...contactValues(form),
  notify: form.notify === '1' || form.notify === 'on',
})

export type CheckedNeed = {
  title: string
  description: string
  location: string
  categoryId: number
  submitterName: string | null
  submitterPhone: string | null
  consent: boolean
  /** Opted in to SMS progress notifications (only with a phone). */
  notify: boolean
}

const LABEL_KEY = {
  title: 'needs.field_title',
  details: 'needs.field_details',
  where: 'needs.field_where',
} as const

/**
 * Validates a need; errors are plain sentences keyed by field name. Without `categories`, any
 * well-formed category id passes (the filing batch checks that it is active).
 * @example checkNeed(values, 'zh', categories) // { ok: false, errors: { phone: '请填写 11 位手机号…' } }
 */
export const checkNeed = (
  v: NeedValues,
  lang: Lang,
  categories?: CategoryOption[],
): { ok: true; value: CheckedNeed } | { ok: false; errors: Record<string, string> } => {
  const errors: Record<string, string> = {}
  const text = {
    title: cleanText(v.title),
    details: cleanText(v.details),
    where: cleanText(v.where),
  }
  if (!text.title) errors.title = t(lang, 'err.required', { label: t(lang, LABEL_KEY.title) })
  for (const key of ['title', 'details', 'where'] as const) {
    const n = charCount(text[key])
    if (n > LIMITS_NEED[key])
      errors[key] = t(lang, 'err.too_long', {
        label: t(lang, LABEL_KEY[key]),
        max: LIMITS_NEED[key],
        n,
      })
  }
  const categoryId = categories
    ? categories.find((c) => String(c.id) === v.categoryId)?.id
    : /^[1-9][0-9]{0,8}$/.test(v.categoryId)
      ? Number(v.categoryId)
      : undefined
  if (!categoryId)
    errors.categoryId = t(lang, 'err.choose', { label: t(lang, 'needs.field_category') })
  const contact = checkContact(v, lang)
  Object.assign(errors, contact.errors)
  if (v.notify && !(contact.phone && MOBILE_PHONE.test(contact.phone)))
    errors.notify = t(lang, 'notify.opt_in_needs_phone')
  if (Object.keys(errors).length || !categoryId) return { ok: false, errors }
  return {
    ok: true,
    value: {
      title: text.title,
      description: text.details,
      location: text.where,
      categoryId,
      submitterName: contact.name,
      submitterPhone: contact.phone,
      consent: !!(contact.name || contact.phone),
      notify: v.notify && !!contact.phone && MOBILE_PHONE.test(contact.phone),
    },
  }
}

type FormTarget = {
  channel: ChannelInfo
  action: string
  /** Where a filing redirects: the receipt of what this browser filed (no code in it). */
  receipt: string
  place: string
  categories: CategoryOption[]
}

const placeOf = (channel: ChannelInfo) =>
  channel.kind === 'web'
    ? channel.neighborhoodName
    : `${channel.neighborhoodName} · ${channel.label}`

const boardHref = (c: PageContext, channel: ChannelInfo) =>
  withLang(c, `/b/${channel.neighborhoodSlug}`)

const showForm = (
  c: PageContext,
  target: FormTarget,
  state: {
    values?: NeedValues
    errors?: Record<string, string>
    notice?: string
    idemKey?: string
    status?: 200 | 400 | 410 | 422 | 429
  } = {},
) => {
  const lang = langOf(c)
  return renderPage(
    c,
    { lang, title: t(lang, 'needs.title'), status: state.status ?? 200 },
    <NeedsForm
      lang={lang}
      action={target.action}
      place={target.place}
      values={state.values ?? emptyNeed()}
      errors={state.errors ?? {}}
      categories={target.categories}
      idemKey={state.idemKey ?? newFormKey()}
      boardHref={boardHref(c, target.channel)}
      notice={state.notice}
    />,
  )
}

const showReceipt = (c: PageContext, target: FormTarget, code: string, earlier: string[] = []) => {
  const lang = langOf(c)
  c.header('Cache-Control', 'no-store')
  return renderPage(
    c,
    { lang, title: t(lang, 'receipt.title') },
    <Receipt
      lang={lang}
      code={code}
      kind="topic"
      trackHref={withLang(c, `/t/${code}`)}
      boardHref={boardHref(c, target.channel)}
      againHref={withLang(c, `${target.action.split('?')[0]}?again=1`)}
      earlier={earlier.map((e) => ({ code: e, href: withLang(c, `/t/${e}`) }))}
    />,
  )
}

/**
 * After a filing (POST → 303), the receipt has an address of its own: back, reload and a
 * bookmark show it again without sending anything twice. The address holds no tracking code,
 * so sharing it gives nothing away; the code comes from this browser's cookie (rememberFiled).
 */
const toReceipt = (c: PageContext, target: FormTarget, code: string) => {
  rememberFiled(c, code)
  return c.redirect(target.receipt, 303)
}

type Outcome = Pick<NeedsFormData, 'stored' | 'hits'> & {
  form: Record<string, string>
  key: string | null
  /** The hash of the posted values, to tell a resend from another need under the same key. */
  hash: string
  /** Look-alikes that stopped the filing. */
  similar: SimilarTopic[]
}

/** The page for a POST that filed nothing, in the order of the checks. */
const answer = (
  c: PageContext,
  target: FormTarget,
  { form, key, hash, stored, hits, similar }: Outcome,
) => {
  const lang = langOf(c)
  const values = needValues(form)

  if (form.edit) return showForm(c, target, { values, idemKey: key ?? undefined })
  // Only bots fill a field people cannot see: they get a receipt, and nothing is filed. A person
  // (even with autofill, which skips it: autocomplete=off, off-screen, no tab stop) never does.
  if (form[HONEYPOT]) return showReceipt(c, target, newTrackingCode())
  if (!key) return showForm(c, target, { values, status: 400, notice: t(lang, 'err.stale') })
  // A resend of the filed form gets its receipt; the key reused with another need files nothing
  // and shows the form again (what was typed kept) under a fresh key.
  if (stored)
    return sameRequest(stored.requestHash, hash)
      ? toReceipt(c, target, stored.code)
      : showForm(c, target, { values, status: 422, notice: t(lang, 'err.stale') })

  const wait = waitAfter('needs', hits)
  if (wait) {
    c.header('Retry-After', String(wait))
    const notice = t(lang, 'common.notice', {
      title: t(lang, 'common.rate_limited_title'),
      body: t(lang, 'common.rate_limited_body', { minutes: minutesOf(wait) }),
    })
    return showForm(c, target, { values, idemKey: key, status: 429, notice })
  }

  const checked = checkNeed(values, lang, target.categories)
  if (!checked.ok)
    return showForm(c, target, { values, errors: checked.errors, idemKey: key, status: 400 })

  if (similar.length)
    return renderPage(
      c,
      { lang, title: t(lang, 'similar.title') },
      <SimilarStep
        lang={lang}
        similar={similar}
        values={values}
        idemKey={key}
        action={target.action}
        supportAction={withLang(c, `/b/${target.channel.neighborhoodSlug}/support`)}
      />,
    )
  // The look-alikes that stopped the filing were closed or merged before fileNeed read them:
  // the draft, kept, can now be sent again.
  return showForm(c, target, { values, idemKey: key, status: 422, notice: t(lang, 'err.stale') })
}

/** The 404 of an unknown QR point; a switched-off one links to its neighborhood's web form. */
const channelNotFound = (c: PageContext, channel?: ChannelInfo) =>
  notFound({
    extra: channel && (
      <p>
        <a class="btn" href={withLang(c, `/n/${channel.neighborhoodSlug}/new`)}>
          {t(langOf(c), 'needs.title')}
        </a>
      </p>
    ),
  })

type Found = { missing: true; channel?: ChannelInfo } | { missing: false; target: FormTarget }

const sourceOf = (c: PageContext): FormSource | null => {
  const slug = c.req.param('slug')
  if (slug !== undefined) return { slug }
  const code = channelCodeOf(c.req.param('code') ?? '')
  return code ? { code } : null
}

/** The form's target from what a batch read; an unknown or inactive channel is `missing`. */
const targetOf = (
  c: PageContext,
  source: FormSource,
  { channel, categories }: NeedsFormData,
): Found => {
  if (!channel) return { missing: true }
  if (!channel.active) return { missing: true, channel }
  const action = withLang(
    c,
    'code' in source ? `/q/${channel.code}` : `/n/${channel.neighborhoodSlug}/new`,
  )
  const receipt = withLang(
    c,
    'code' in source ? `/q/${channel.code}/receipt` : `/n/${channel.neighborhoodSlug}/receipt`,
  )
  return {
    missing: false,
    target: { channel, action, receipt, place: placeOf(channel), categories },
  }
}

export const needs = new Hono<AppEnv>()

// A scan is an opening of the form from the poster; "file another" links say again=1.
const open = async (c: PageContext) => {
  const source = sourceOf(c)
  if (!source) return channelNotFound(c)
  const found = targetOf(
    c,
    source,
    await needsFormData(c.var.db, source, {
      scan: c.req.query('again') ? undefined : batchHit(c, 'scan'),
    }),
  )
  return found.missing ? channelNotFound(c, found.channel) : showForm(c, found.target)
}

const post = async (c: PageContext) => {
  const source = sourceOf(c)
  if (!source) return channelNotFound(c)
  const form = await readForm(c)
  const key = IDEMPOTENCY_KEY.test(form.key ?? '') ? form.key : null
  const hash = await requestHash(needValues(form))
  const hit = batchHit(c, 'needs')
  const checked = checkNeed(needValues(form), langOf(c))
  if (key && checked.ok && !form.edit && !form[HONEYPOT]) {
    const need = checked.value
    const filed = await fileNeed(c.var.db, source, {
      key,
      requestHash: hash,
      hit: { ...hit, limit: LIMITS.needs.limit },
      topic: {
        categoryId: need.categoryId,
        title: need.title,
        description: need.description,
        location: need.location,
        submitterName: need.submitterName,
        submitterPhone: need.submitterPhone,
        consentAt: need.consent ? Date.now() : null,
      },
      notify: need.notify ? { lang: langOf(c) } : undefined,
      confirmed: form.confirmed === '1',
    })
    const found = targetOf(c, source, filed)
    if (found.missing) return closedChannel(c, source, found.channel, filed, form)
    if (filed.code) return toReceipt(c, found.target, filed.code)
    return answer(c, found.target, { form, key, hash, ...filed })
  }
  const data = await needsFormData(c.var.db, source, { key, hit })
  const found = targetOf(c, source, data)
  if (found.missing) return closedChannel(c, source, found.channel, data, form)
  return answer(c, found.target, { form, key, hash, ...data, similar: [] })
}

/**
 * A POST to a QR point switched off while the resident was typing: the form again, with
 * everything kept, now sending to the neighborhood's web form. An unknown code, or the web form
 * itself switched off, is a 404.
 */
const closedChannel = (
  c: PageContext,
  source: FormSource,
  channel: ChannelInfo | undefined,
  data: NeedsFormData,
  form: Record<string, string>,
) => {
  if (!channel || 'slug' in source) return channelNotFound(c)
  const lang = langOf(c)
  const target = {
    channel,
    action: withLang(c, `/n/${channel.neighborhoodSlug}/new`),
    receipt: withLang(c, `/n/${channel.neighborhoodSlug}/receipt`),
    place: channel.neighborhoodName,
    categories: data.categories,
  }
  return showForm(c, target, {
    values: needValues(form),
    status: 410,
    notice: t(lang, 'err.channel_closed'),
  })
}

/**
 * The receipt of what this browser filed here: the newest tracking code big, earlier ones listed.
 * A browser that filed nothing (a shared or bookmarked link opened elsewhere) is told where to
 * look instead. A QR point switched off since still shows its receipts.
 */
const receiptPage = async (c: PageContext) => {
  const source = sourceOf(c)
  const data = source ? await needsFormData(c.var.db, source, {}) : null
  const channel = data?.channel
  if (!source || !data || !channel) return channelNotFound(c)
  const lang = langOf(c)
  const formPath =
    'code' in source && channel.active ? `/q/${channel.code}` : `/n/${channel.neighborhoodSlug}/new`
  const target: FormTarget = {
    channel,
    action: withLang(c, formPath),
    receipt: c.req.url,
    place: placeOf(channel),
    categories: data.categories,
  }
  const [code, ...earlier] = filedCodes(c)
  if (code) return showReceipt(c, target, code, earlier)
  c.header('Cache-Control', 'no-store')
  return messagePage(c, {
    lang,
    title: t(lang, 'receipt.none_title'),
    body: t(lang, 'receipt.none_body'),
    extra: (
      <p class="row">
        <a class="btn" href={withLang(c, '/t')}>
          {t(lang, 'track.lookup')}
        </a>
        <a class="tap" href={withLang(c, formPath)}>
          {t(lang, 'needs.title')}
        </a>
      </p>
    ),
  })
}

needs.get('/q/:code/receipt', receiptPage)
needs.get('/n/:slug/receipt', receiptPage)
needs.get('/q/:code', open)
needs.post('/q/:code', post)
needs.get('/n/:slug/new', open)
needs.post('/n/:slug/new', post)

/** The QR point of the path (active or not) and the address its QR code holds. */
const pointOf = async (c: PageContext) => {
  const code = channelCodeOf(c.req.param('code') ?? '')
  const channel = code ? await channelByCode(c.var.db, code) : undefined
  if (!channel) return notFound()
  return { channel, url: `${originOf(c)}/q/${channel.code}` }
}

needs.get('/q/:code/qr.svg', async (c) => {
  const { channel, url } = await pointOf(c)
  return qrResponse(c, url, channel.label)
})

needs.get('/q/:code/poster', async (c) => {
  const { channel, url } = await pointOf(c)
  const point = {
    label: channel.label,
    neighborhood: channel.neighborhoodName,
    contactPhone: channel.contactPhone,
  }
  return renderPoster(c, qrPointPoster(langOf(c), point, url))
})
