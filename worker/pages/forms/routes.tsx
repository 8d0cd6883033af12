import { optedIn } from '../notify/opt-in'
import { Hono, type Context } from 'hono'
import { and, eq } from 'drizzle-orm'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../../env'
import { formResponses, forms } from '../../db/schema'
import { findForm, type FormWithFields } from '../../db/queries/forms/read'
import { formForPost, submitResponse } from '../../db/queries/forms/responses'
import { FORM_SLUG, phoneKeyOf, type Field } from '../../domain/forms/definition'
import { newReceipt } from '../../domain/forms/codes'
import { availability } from '../../domain/forms/state'
import { answersFromForm, validateAnswers } from '../../domain/forms/validator'
import { signedInUser } from '../../lib/auth'
import { IDEMPOTENCY_KEY, requestHash, sameRequest } from '../../lib/idempotency'
import { randomToken } from '../../lib/password'
import { clientAddress } from '../../lib/client-address'
import { retryAfterSeconds } from '../../db/queries/rate-limit'
import { formInScope } from '../../lib/scope'
import { originOf } from '../common'
import { notFound } from '../errors'
import { altLangHref, securityHeaders } from '../layout'
import { formatDate, langOf, t, type Lang } from '../i18n'
import { qrResponse, renderPoster } from '../poster'
import { conditionCsp, needsFormScript, type FieldValues } from './fields'
import { FormPage, MessagePage, ReceiptPage } from './views'
import { checkChild } from '../../domain/privacy/children'
import { childStatements } from '../../db/queries/privacy/children'
import type { ChildValues } from '../privacy-children'

// Public form pages at /s/<slug>: the form (GET), a submission (POST → 303 to the receipt),
// the receipt, the QR code and the printable poster. JavaScript-free; see views.tsx.

// Mobile carriers put many phones behind one address, so the limit is generous: it stops a
// script, not a crowd scanning the same poster.
/** Submissions allowed per client address in one window. */
export const SUBMIT_LIMIT = { limit: 60, windowMs: 10 * 60_000 }

type Ctx = Context<AppEnv>
type Refusal = Exclude<ReturnType<typeof availability>, 'open'>

/** The form slug of the path, if it is a well-formed one. */
const slugOf = (c: Ctx) => {
  const slug = c.req.param('slug') ?? ''
  return FORM_SLUG.test(slug) ? slug : undefined
}

const loadBySlug = async (c: Ctx) => {
  const slug = slugOf(c)
  return slug ? findForm(c.var.db, eq(forms.slug, slug)) : undefined
}

/** Whether the visitor is signed-in staff who may preview this draft. */
const canPreview = async (c: Ctx, form: FormWithFields) => {
  const user = await signedInUser(c)
  return !!user && formInScope(user, form)
}

/**
 * The form whose QR code and poster this visitor may have: not a draft's (a draft is not public;
 * its address would lead nowhere), except for signed-in staff who may preview it.
 */
const printable = async (c: Ctx) => {
  const form = await loadBySlug(c)
  if (!form || (form.status === 'draft' && !(await canPreview(c, form)))) return undefined
  return form
}

/** Prefill from the query: `?<key>=…` (repeat for multiple choice); `?building=12&room=301` too. */
const prefill = (c: Ctx, fields: Field[]): FieldValues => {
  const values: FieldValues = {}
  let firstBuilding = true
  for (const f of fields) {
    if (f.type === 'building') {
      const building =
        c.req.query(`${f.key}.building`) ?? (firstBuilding ? c.req.query('building') : undefined)
      const room = c.req.query(`${f.key}.room`) ?? (firstBuilding ? c.req.query('room') : undefined)
      firstBuilding = false
      if (building !== undefined || room !== undefined) values[f.key] = { building, room }
    } else {
      const list = c.req.queries(f.key)
      if (list?.length) values[f.key] = f.type === 'multiple' ? list : list[0]
    }
  }
  return values
}

const page = (c: Ctx, lang: Lang) => {
  const nonce = securityHeaders(c)
  return { lang, nonce, altLangHref: c.req.method === 'GET' ? altLangHref(c, lang) : undefined }
}

/** The 404 of a form that does not exist (or is a draft the visitor may not preview). */
const formNotFound = () => notFound({ title: 'form.not_found_title', body: 'form.not_found_body' })

const refusal = (
  c: Ctx,
  lang: Lang,
  form: FormWithFields,
  why: Refusal,
  status: ContentfulStatusCode,
) => {
  if (why === 'draft') return formNotFound()
  const [heading, body] =
    why === 'not_open'
      ? [
          t(lang, 'form.not_open_title'),
          t(lang, 'form.not_open_body', { time: formatDate(form.opensAt!, lang, true) }),
        ]
      : why === 'full'
        ? [t(lang, 'form.full_title'), t(lang, 'form.full_body')]
        : [t(lang, 'form.closed_title'), t(lang, 'form.closed_body')]
  return c.html(
    <MessagePage {...page(c, lang)} title={form.title} heading={heading} body={body} />,
    status,
  )
}

const renderForm = (
  c: Ctx,
  form: FormWithFields,
  opts: {
    lang: Lang
    langAsked: boolean
    values: FieldValues
    errors?: Record<string, string>
    formError?: string
    preview?: boolean
    status?: ContentfulStatusCode
    /** 有进展时短信通知我 as ticked. */
    notify?: boolean
    /** A form for children: the guardian's part as typed. */
    child?: ChildValues
  },
) => {
  const p = page(c, opts.lang)
  if (needsFormScript(form.fields)) c.header('Content-Security-Policy', conditionCsp(p.nonce))
  return c.html(
    <FormPage
      {...p}
      form={form}
      langAsked={opts.langAsked}
      idempotencyKey={randomToken(16)}
      values={opts.values}
      errors={opts.errors}
      formError={opts.formError}
      preview={opts.preview}
      notify={opts.notify}
      child={opts.child}
    />,
    opts.status ?? 200,
  )
}

const receiptUrl = (slug: string, receipt: string, lang: Lang, langAsked: boolean) =>
  `/s/${slug}/r/${receipt}${langAsked ? `?lang=${lang}` : ''}`

export const formPages = new Hono<AppEnv>()
  .get('/:slug', async (c) => {
    const lang = langOf(c)
    const form = await loadBySlug(c)
    if (!form) return formNotFound()
    const state = availability(form, form.responseCount)
    const langAsked = !!c.req.query('lang')
    if (state === 'draft' && (await canPreview(c, form)))
      return renderForm(c, form, {
        lang,
        langAsked,
        values: prefill(c, form.fields),
        preview: true,
      })
    if (state !== 'open') return refusal(c, lang, form, state, 200)
    return renderForm(c, form, { lang, langAsked, values: prefill(c, form.fields) })
  })
  .post('/:slug', async (c) => {
    const body = await c.req.parseBody({ all: true })
    const str = (v: unknown) => (typeof v === 'string' ? v : '')
    const posted = str(body._lang)
    const lang: Lang = posted === 'en' || posted === 'zh' ? posted : langOf(c)
    const langAsked = !!posted
    const db = c.var.db
    const slug = slugOf(c)
    if (!slug) return formNotFound()
    const key = str(body._key)
    const { form, hits, stored } = await formForPost(db, slug, key, {
      key: `form-submit:${clientAddress(c)}`,
      ...SUBMIT_LIMIT,
    })
    if (!form) return formNotFound()

    // A bot filled the field people cannot see: thank it and store nothing.
    if (str(body._website))
      return c.html(
        <ReceiptPage
          {...page(c, lang)}
          langAsked={langAsked}
          slug={form.slug}
          title={form.title}
        />,
        200,
      )
    // A resend of a response that went through: its receipt, whatever happened since. The key
    // reused with other answers stores nothing: the form again, as typed, under a fresh key.
    const typed = answersFromForm(
      form.fields,
      body as Record<string, string | File | (string | File)[]>,
    )
    const hash = await requestHash(typed)
    const mismatch = () =>
      renderForm(c, form, {
        lang,
        langAsked,
        values: typed,
        formError: t(lang, 'form.expired'),
        status: 422,
      })
    if (stored)
      return sameRequest(stored.requestHash, hash)
        ? c.redirect(receiptUrl(form.slug, stored.receipt, lang, langAsked), 303)
        : mismatch()

    if (hits > SUBMIT_LIMIT.limit) {
      c.header('Retry-After', String(retryAfterSeconds(SUBMIT_LIMIT.windowMs)))
      return c.html(
        <MessagePage
          {...page(c, lang)}
          title={form.title}
          heading={t(lang, 'form.rate_limited_title')}
          body={t(lang, 'form.rate_limited_body', {
            s: retryAfterSeconds(SUBMIT_LIMIT.windowMs),
          })}
        />,
        429,
      )
    }

    const state = availability(form, form.responseCount)
    if (state !== 'open') return refusal(c, lang, form, state, 409)

    const values = answersFromForm(
      form.fields,
      body as Record<string, string | File | (string | File)[]>,
    )
    const notify = optedIn({ notify: str(body._notify) })
    const child: ChildValues = {
      guardianName: str(body.guardianName),
      guardianPhone: str(body.guardianPhone),
      guardianRelation: str(body.guardianRelation),
      childName: str(body.childName),
      childAge: str(body.childAge),
      guardianConsent: str(body.guardianConsent),
    }
    const again = (
      errors: Record<string, string>,
      status: ContentfulStatusCode,
      formError?: string,
    ) => renderForm(c, form, { lang, langAsked, values, errors, formError, status, notify, child })
    if (!IDEMPOTENCY_KEY.test(key)) return again({}, 400, t(lang, 'form.expired'))
    const checked = validateAnswers(form.fields, values, { lang })
    // A form for children: the guardian's part is checked with the answers, errors shown together.
    const guardian = form.forChildren ? checkChild(child, lang, true) : null
    if (!checked.ok || (guardian && !guardian.ok))
      return again(
        {
          ...(checked.ok ? {} : checked.errors),
          ...(guardian && !guardian.ok ? guardian.errors : {}),
        },
        400,
      )

    const answers = checked.answers
    const phoneKey =
      phoneKeyOf(form.fields) ?? form.fields.find((f) => f.type === 'phone' && answers[f.key])?.key
    const phone =
      phoneKey && typeof answers[phoneKey] === 'string'
        ? (answers[phoneKey] as string)
        : guardian?.ok
          ? guardian.value.guardianPhone
          : null
    const receipt = newReceipt()
    const result = await submitResponse(db, {
      formId: form.id,
      version: form.currentVersion,
      answers,
      phone,
      receipt,
      maxResponses: form.maxResponses,
      onePerPhone: form.onePerPhone,
      key,
      requestHash: hash,
      notify: notify && phone ? { lang } : undefined,
      extra: guardian?.ok ? childStatements(db, { receipt }, guardian.value, Date.now()) : [],
    })
    if ('receipt' in result)
      return sameRequest(result.requestHash, hash)
        ? c.redirect(receiptUrl(form.slug, result.receipt, lang, langAsked), 303)
        : mismatch()
    if (result.refused === 'duplicate_phone')
      return again({ [phoneKey!]: t(lang, 'form.duplicate_phone') }, 409)
    return refusal(c, lang, form, result.refused, 409)
  })
  .get('/:slug/r/:receipt', async (c) => {
    const lang = langOf(c)
    const form = await loadBySlug(c)
    if (!form) return formNotFound()
    const [row] = await c.var.db
      .select({ receipt: formResponses.receipt, createdAt: formResponses.createdAt })
      .from(formResponses)
      .where(
        and(eq(formResponses.formId, form.id), eq(formResponses.receipt, c.req.param('receipt'))),
      )
    if (!row) return formNotFound()
    return c.html(
      <ReceiptPage
        {...page(c, lang)}
        langAsked={!!c.req.query('lang')}
        slug={form.slug}
        title={form.title}
        receipt={row.receipt}
        createdAt={row.createdAt}
      />,
    )
  })
  .get('/:slug/qr.svg', async (c) => {
    const form = await printable(c)
    if (!form) return formNotFound()
    return qrResponse(c, `${originOf(c)}/s/${form.slug}`, form.title)
  })
  .get('/:slug/poster', async (c) => {
    const lang = langOf(c)
    const form = await printable(c)
    if (!form) return formNotFound()
    const d = form.description
    return renderPoster(c, {
      lang,
      heading: form.title,
      lines: [
        d.length > 140 ? `${d.slice(0, 140)}…` : d,
        form.closesAt !== null &&
          t(lang, 'form.closes_at', { time: formatDate(form.closesAt, lang, true) }),
      ],
      url: `${originOf(c)}/s/${form.slug}`,
      call: t(lang, 'form.scan'),
    })
  })
