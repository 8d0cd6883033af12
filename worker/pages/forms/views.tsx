import { raw } from 'hono/html'
import type { Field } from '../../domain/forms/definition'
import type { Lang } from '../../domain/forms/messages'
import { Layout } from '../layout'
import { t } from '../i18n'
import { ConditionScript, FormFields, fieldControlId, type FieldValues } from './fields'
import { formWords, shanghai } from './i18n'

// The public form pages: the form, its refusals (not open / closed / full / not found),
// the receipt and the printable poster. Rendered in the shared resident layout.

export type PublicForm = {
  slug: string
  title: string
  description: string
  closesAt: number | null
  maxResponses: number | null
  responseCount: number
  fields: Field[]
}

/** Staff-typed text with line breaks, as paragraphs. */
const Paragraphs = ({ text }: { text: string }) => (
  <>
    {text
      .split(/\n+/)
      .filter((line) => line.trim())
      .map((line) => (
        <p>{line}</p>
      ))}
  </>
)

const langQuery = (lang: Lang, asked: boolean) => (asked ? `?lang=${lang}` : '')

type Page = { lang: Lang; nonce: string; altLangHref?: string }

/** The form itself, empty, prefilled, or again with the values kept and errors in words. */
export const FormPage = (
  props: Page & {
    form: PublicForm
    /** The language was chosen with ?lang (kept across the post). */
    langAsked: boolean
    idempotencyKey: string
    values: FieldValues
    errors?: Record<string, string>
    /** A message for the whole form (e.g. the page expired). */
    formError?: string
    preview?: boolean
  },
) => {
  const { form, lang, errors = {} } = props
  const w = formWords[lang]
  const errorKeys = form.fields.filter((f) => errors[f.key]).map((f) => f.key)
  const hasConditions = form.fields.some((f) => f.condition)
  const remaining =
    form.maxResponses === null ? null : Math.max(0, form.maxResponses - form.responseCount)
  const count = errorKeys.length + (props.formError ? 1 : 0)
  return (
    <Layout lang={lang} title={form.title} nonce={props.nonce} altLangHref={props.altLangHref}>
      {props.preview && (
        <p class="notice" role="status">
          {w.preview}
        </p>
      )}
      <h1>{form.title}</h1>
      <Paragraphs text={form.description} />
      {form.closesAt !== null && <p class="meta">{w.closesAt(shanghai(form.closesAt))}</p>}
      {remaining !== null && <p class="meta">{w.remaining(remaining)}</p>}
      {count > 0 && (
        <div class="box summary" role="alert" tabindex={-1} id="errors">
          <h2>{t(lang, 'common.errors_title', { n: count })}</h2>
          <ul>
            {props.formError && <li>{props.formError}</li>}
            {errorKeys.map((key) => (
              <li>
                <a href={`#${fieldControlId(key)}`}>
                  {form.fields.find((f) => f.key === key)!.label}：{errors[key]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={`/s/${form.slug}`} data-cond={hasConditions ? '1' : undefined}>
        <input type="hidden" name="_key" value={props.idempotencyKey} />
        {props.langAsked && <input type="hidden" name="_lang" value={lang} />}
        <div class="hp" aria-hidden="true">
          <label>
            Website <input name="_website" tabindex={-1} autocomplete="off" />
          </label>
        </div>
        <FormFields fields={form.fields} values={props.values} errors={errors} lang={lang} />
        <button type="submit" class="wide" disabled={props.preview || undefined}>
          {w.submit}
        </button>
      </form>
      {hasConditions && <ConditionScript nonce={props.nonce} />}
    </Layout>
  )
}

/** A page that says why the form cannot be filled in (or that it does not exist). */
export const MessagePage = (props: Page & { title: string; heading: string; body: string }) => (
  <Layout lang={props.lang} title={props.title} nonce={props.nonce} altLangHref={props.altLangHref}>
    <h1>{props.title}</h1>
    <div class="notice" role="status">
      <p>
        <strong>{props.heading}</strong>
      </p>
      <p>{props.body}</p>
    </div>
  </Layout>
)

/** After a submission: the receipt number to quote, and when. */
export const ReceiptPage = (
  props: Page & {
    langAsked: boolean
    slug: string
    title: string
    receipt?: string
    createdAt?: number
  },
) => {
  const w = formWords[props.lang]
  return (
    <Layout lang={props.lang} title={`${w.thanksTitle} · ${props.title}`} nonce={props.nonce}>
      <h1>{w.thanksTitle}</h1>
      <p>{props.title}</p>
      <p role="status">{w.thanksBody}</p>
      {props.receipt && (
        <div class="box">
          <p>{w.receipt}</p>
          <p class="code">{props.receipt}</p>
          {props.createdAt && (
            <p class="meta">
              {w.submittedAt}：{shanghai(props.createdAt)}
            </p>
          )}
          <p class="hint">{w.keepReceipt}</p>
        </div>
      )}
      <p>
        <a class="tap" href={`/s/${props.slug}${langQuery(props.lang, props.langAsked)}`}>
          {w.back}
        </a>
      </p>
    </Layout>
  )
}

const POSTER_CSS =
  '@page{size:A4;margin:15mm}*{box-sizing:border-box}' +
  'body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#111;text-align:center}' +
  'main{max-width:180mm;margin:0 auto;padding:10mm 0}h1{font-size:30pt;line-height:1.25;margin:0 0 6mm}' +
  '.d{font-size:15pt;white-space:pre-line;margin:0 0 8mm}.q{width:120mm;max-width:100%;margin:0 auto}.q svg{display:block;width:100%;height:auto}' +
  '.s{font-size:24pt;font-weight:700;margin:6mm 0 2mm}.u{font-size:13pt;word-break:break-all}.m{font-size:13pt;color:#333}'

/** A printable A4 poster: title, short description, a large QR and the address in words. */
export const PosterPage = (props: {
  lang: Lang
  nonce: string
  title: string
  description: string
  url: string
  qr: string
  closesAt: number | null
}) => {
  const w = formWords[props.lang]
  const description =
    props.description.length > 140 ? `${props.description.slice(0, 140)}…` : props.description
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={props.lang === 'zh' ? 'zh-CN' : 'en'}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title>{props.title}</title>
          <style nonce={props.nonce} dangerouslySetInnerHTML={{ __html: POSTER_CSS }} />
        </head>
        <body>
          <main>
            <h1>{props.title}</h1>
            {description && <p class="d">{description}</p>}
            <div class="q">{raw(props.qr)}</div>
            <p class="s">{w.scanToFill}</p>
            <p class="u">
              {w.orOpen} {props.url}
            </p>
            {props.closesAt !== null && <p class="m">{w.closesAt(shanghai(props.closesAt))}</p>}
          </main>
        </body>
      </html>
    </>
  )
}
