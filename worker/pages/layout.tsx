import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { bracketed, htmlLang, langHref, otherLang, t, type Lang } from './i18n'

// One small stylesheet for every resident page, inlined so a page loads in one round trip.
// System fonts, 18px base, tap targets ≥ 48px, colours at AA contrast (≥ 4.5:1) on their
// backgrounds. Progress uses <progress>, not inline style attributes, which the CSP forbids.
export const CSS = `*{box-sizing:border-box}html{font:18px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1b1b1b;background:#f5f5f2;-webkit-text-size-adjust:100%}body{margin:0}header,main,footer{max-width:40rem;margin:0 auto;padding:0 1rem}header{display:flex;justify-content:space-between;align-items:center;min-height:3rem;font-weight:700}main{padding-bottom:1.5rem}footer{padding-bottom:2rem;font-size:.9rem}h1{font-size:1.45rem;line-height:1.3;margin:.5rem 0 1rem}h2{font-size:1.2rem;line-height:1.35;margin:1.5rem 0 .5rem}h3{font-size:1.05rem;margin:.25rem 0}p{margin:.5rem 0}a{color:#0a4f9e}a.tap,header a,footer a{display:inline-block;min-height:44px;padding:.5rem 0}label,legend{display:block;font-weight:600;margin:1.1rem 0 .3rem;padding:0}fieldset{border:0;margin:0;padding:0}input,textarea,select{display:block;width:100%;min-height:48px;padding:.5rem .75rem;font:inherit;color:inherit;background:#fff;border:2px solid #626262;border-radius:8px}textarea{min-height:7rem;resize:vertical}input:focus,textarea:focus,select:focus,button:focus,a:focus{outline:3px solid #0a4f9e;outline-offset:2px}.hint{color:#454545;font-size:.92rem;margin:.2rem 0}.err{color:#a3001b;font-weight:600;margin:.25rem 0}[aria-invalid=true]{border-color:#a3001b;border-width:3px}.check{display:flex;gap:.75rem;align-items:center;min-height:48px;margin:.3rem 0;font-weight:400}.check input{width:28px;height:28px;min-height:0;flex:none;margin:0}button,.btn{display:inline-block;min-height:48px;min-width:48px;padding:.6rem 1.2rem;font:inherit;font-weight:700;color:#fff;background:#0a4f9e;border:2px solid #0a4f9e;border-radius:8px;text-decoration:none;text-align:center;cursor:pointer}.alt{color:#0a4f9e;background:#fff}.wide{display:block;width:100%;margin:1.25rem 0 .5rem}.box{background:#fff;border:1px solid #cfcfcf;border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}.box>:first-child{margin-top:.25rem}.summary{border:3px solid #a3001b}.summary ul{margin:.25rem 0;padding-left:1.25rem}.notice{background:#e9f0f8;border-radius:8px;padding:.6rem .9rem;font-size:.92rem;margin:.5rem 0}.cards{list-style:none;padding:0;margin:0}.meta{color:#454545;font-size:.92rem;margin:.2rem 0}.tag{display:inline-block;padding:0 .5rem;border-radius:4px;background:#e6e6e1;font-size:.9rem}.late{background:#a3001b;color:#fff}progress{display:block;width:100%;height:14px;margin:.4rem 0;accent-color:#0a4f9e}.code{font:700 2.3rem/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.08em;margin:.25rem 0;word-break:break-all}.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}.row{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center}ol.log{padding-left:1.2rem}ol.log li{margin:.5rem 0}`

export type LayoutProps = {
  lang: Lang
  title: string
  nonce: string
  /** Link to this page in the other language; omitted when not given. */
  altLangHref?: string
  children?: Child
}

/**
 * The page shell of every resident page: `<html lang>`, viewport, the inline stylesheet.
 * @example <Layout lang="zh" title="我有事要反映" nonce={nonce}><h1>…</h1></Layout>
 */
export const Layout = ({ lang, title, nonce, altLangHref, children }: LayoutProps) => (
  <>
    {raw('<!doctype html>')}
    <html lang={htmlLang(lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${title} · ${t(lang, 'site.name')}`}</title>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant stylesheet */}
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <header>
          <span>{t(lang, 'site.name')}</span>
          {altLangHref && (
            <a href={altLangHref} lang={htmlLang(otherLang(lang))}>
              {t(lang, 'common.lang_switch')}
            </a>
          )}
        </header>
        <main>{children}</main>
        <footer>
          <a href={langHref(lang, '/privacy')}>{t(lang, 'common.privacy')}</a>
          {' · '}
          <a href={langHref(lang, '/privacy/withdraw')}>{t(lang, 'common.withdraw')}</a>
        </footer>
      </body>
    </html>
  </>
)

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))

/** A fresh CSP nonce (128 random bits, base64). */
export const newNonce = () => base64(crypto.getRandomValues(new Uint8Array(16)))

/**
 * The Content-Security-Policy of resident pages: nothing loads but our own images and the one
 * inline stylesheet carrying `nonce`; no scripts at all; forms post only to us; no framing.
 * @example cspHeader('abc') // "default-src 'none'; style-src 'nonce-abc'; ..."
 */
export const cspHeader = (nonce: string) =>
  [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ')

/**
 * Sets the security headers of a resident page on `c` and returns the nonce for its `<style>`.
 * Pages are `no-store`: they may carry a tracking code or a resident's typed text.
 * @example const nonce = securityHeaders(c)
 */
export const securityHeaders = (c: Context) => {
  const nonce = newNonce()
  c.header('Content-Security-Policy', cspHeader(nonce))
  c.header('X-Content-Type-Options', 'nosniff')
  // Not 'no-referrer': with it browsers send `Origin: null` on our own form posts, which the
  // cross-site check must refuse. 'same-origin' still keeps tracking-code URLs from leaving.
  c.header('Referrer-Policy', 'same-origin')
  c.header('X-Frame-Options', 'DENY')
  c.header('Cache-Control', 'no-store')
  return nonce
}

/**
 * This request's URL with `?lang=` set to the other language (for the header's switch link).
 * @example altLangHref(c, 'zh') // '/b/huihua?lang=en'
 */
export const altLangHref = (c: Context, lang: Lang) => {
  const url = new URL(c.req.url)
  url.searchParams.set('lang', otherLang(lang))
  return `${url.pathname}${url.search}`
}

export type PageOptions = { lang: Lang; title: string; status?: ContentfulStatusCode }

/**
 * Renders a full resident page with security headers and the language switch.
 * @example return renderPage(c, { lang, title: t(lang, 'needs.title') }, <NeedsForm … />)
 */
export const renderPage = (c: Context, { lang, title, status = 200 }: PageOptions, body: Child) => {
  const nonce = securityHeaders(c)
  const alt = c.req.method === 'GET' ? altLangHref(c, lang) : undefined
  return c.html(
    <Layout lang={lang} title={title} nonce={nonce} altLangHref={alt}>
      {body}
    </Layout>,
    status,
  )
}

/**
 * A short message page (refusals, the error page): a heading, a sentence, optional extra
 * content. A missing page is not built here but thrown: `notFound()`; a rate limit's 429 is
 * `tooManyPage()` (both errors.tsx).
 * @example return messagePage(c, { lang, status: 409, title: t(lang, 'meet.taken_title'), body })
 */
export const messagePage = (c: Context, opts: PageOptions & { body: string; extra?: Child }) =>
  renderPage(
    c,
    opts,
    <>
      <h1>{opts.title}</h1>
      <p>{opts.body}</p>
      {opts.extra}
    </>,
  )

/**
 * The request's explicit `?lang=` as a hidden input, so a GET form (a search, a code lookup)
 * stays in the language it was shown in; nothing when the language came from the browser.
 * @example <form method="get" action="/t"><LangField c={c} />…</form>
 */
export const LangField = ({ c }: { c: Context }) => {
  const lang = c.req.query('lang')
  return lang === 'en' || lang === 'zh' ? <input type="hidden" name="lang" value={lang} /> : null
}

// ── form fields ──
// Ids: the control is `f-<name>`, its hint `<name>-hint`, its error `<name>-err`; the error
// summary links to `#f-<name>`. Every control keeps the value it was given.

type FieldBase = {
  name: string
  label: string
  lang: Lang
  error?: string
  hint?: string
  /** Shows "选填" after the label when false; required fields carry `required`/aria-required. */
  required?: boolean
}

const describedBy = (name: string, hint?: string, error?: string) =>
  [hint && `${name}-hint`, error && `${name}-err`].filter(Boolean).join(' ') || undefined

const LabelText = ({ label, lang, required }: Pick<FieldBase, 'label' | 'lang' | 'required'>) => (
  <>
    {label}
    {!required && <span class="hint">{bracketed(lang, t(lang, 'common.optional'))}</span>}
  </>
)

const HintAndError = ({ name, hint, error }: Pick<FieldBase, 'name' | 'hint' | 'error'>) => (
  <>
    {hint && (
      <p class="hint" id={`${name}-hint`}>
        {hint}
      </p>
    )}
    {error && (
      <p class="err" id={`${name}-err`}>
        {error}
      </p>
    )}
  </>
)

export type TextFieldProps = FieldBase & {
  value?: string
  type?: 'text' | 'tel' | 'number' | 'date' | 'email'
  inputMode?: 'text' | 'tel' | 'numeric' | 'decimal'
  autocomplete?: string
  maxLength?: number
}

/**
 * A labelled single-line input with hint and error tied by aria-describedby.
 * @example <TextField lang={lang} name="title" label="一句话说明" value={v.title} error={e.title} required />
 */
export const TextField = (p: TextFieldProps) => (
  <div>
    <label for={`f-${p.name}`}>
      <LabelText label={p.label} lang={p.lang} required={p.required} />
    </label>
    <HintAndError name={p.name} hint={p.hint} error={p.error} />
    <input
      id={`f-${p.name}`}
      name={p.name}
      type={p.type ?? 'text'}
      value={p.value ?? ''}
      inputmode={p.inputMode}
      autocomplete={p.autocomplete ?? 'off'}
      maxlength={p.maxLength}
      required={p.required}
      aria-invalid={p.error ? 'true' : undefined}
      aria-describedby={describedBy(p.name, p.hint, p.error)}
    />
  </div>
)

/**
 * A phone input: a TextField named `phone` with the phone keyboard and autofill.
 * @example <PhoneField lang={lang} label={t(lang, 'reg.phone')} value={v.phone} error={e.phone} />
 */
export const PhoneField = (
  p: Omit<TextFieldProps, 'name' | 'type' | 'inputMode' | 'autocomplete'>,
) => <TextField {...p} name="phone" type="tel" inputMode="tel" autocomplete="tel" />

export type TextAreaProps = FieldBase & { value?: string; rows?: number }

/**
 * A labelled multi-line input. No maxlength: an over-long paste would be cut silently; the
 * server reports the length instead and keeps the text.
 * @example <TextArea lang={lang} name="details" label="详细情况" value={v.details} />
 */
export const TextArea = (p: TextAreaProps) => (
  <div>
    <label for={`f-${p.name}`}>
      <LabelText label={p.label} lang={p.lang} required={p.required} />
    </label>
    <HintAndError name={p.name} hint={p.hint} error={p.error} />
    <textarea
      id={`f-${p.name}`}
      name={p.name}
      rows={p.rows ?? 4}
      required={p.required}
      aria-invalid={p.error ? 'true' : undefined}
      aria-describedby={describedBy(p.name, p.hint, p.error)}
    >
      {p.value ?? ''}
    </textarea>
  </div>
)

export type SelectOption = { value: string; label: string }
export type SelectProps = FieldBase & {
  value?: string
  options: SelectOption[]
  /** The first, empty choice ("请选择"). */
  placeholder?: string
}

/**
 * A labelled select; the option equal to `value` stays selected on re-render.
 * @example <Select lang={lang} name="categoryId" label="类别" options={opts} value={v.categoryId} />
 */
export const Select = (p: SelectProps) => (
  <div>
    <label for={`f-${p.name}`}>
      <LabelText label={p.label} lang={p.lang} required={p.required} />
    </label>
    <HintAndError name={p.name} hint={p.hint} error={p.error} />
    <select
      id={`f-${p.name}`}
      name={p.name}
      required={p.required}
      aria-invalid={p.error ? 'true' : undefined}
      aria-describedby={describedBy(p.name, p.hint, p.error)}
    >
      {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
      {p.options.map((o) => (
        <option value={o.value} selected={o.value === p.value}>
          {o.label}
        </option>
      ))}
    </select>
  </div>
)

export type CheckboxProps = Omit<FieldBase, 'required'> & { checked?: boolean; value?: string }

/**
 * A checkbox with its label beside it as one big tap target; unticked unless `checked`.
 * @example <Checkbox lang={lang} name="consent" label="我同意…" checked={v.consent} error={e.consent} />
 */
export const Checkbox = (p: CheckboxProps) => (
  <div>
    <HintAndError name={p.name} hint={p.hint} error={p.error} />
    <label class="check" for={`f-${p.name}`}>
      <input
        id={`f-${p.name}`}
        type="checkbox"
        name={p.name}
        value={p.value ?? '1'}
        checked={p.checked}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
      />
      <span>{p.label}</span>
    </label>
  </div>
)

export type RadioGroupProps = FieldBase & { value?: string; options: SelectOption[] }

/**
 * A fieldset of radio buttons, each a big tap target; the legend is the question.
 * @example <RadioGroup lang={lang} name="resolved" label="问题解决了吗？" options={opts} value={v.resolved} required />
 */
export const RadioGroup = (p: RadioGroupProps) => (
  <fieldset
    id={`f-${p.name}`}
    aria-invalid={p.error ? 'true' : undefined}
    aria-describedby={describedBy(p.name, p.hint, p.error)}
  >
    <legend>
      <LabelText label={p.label} lang={p.lang} required={p.required} />
    </legend>
    <HintAndError name={p.name} hint={p.hint} error={p.error} />
    {p.options.map((o) => (
      <label class="check" for={`f-${p.name}-${o.value}`}>
        <input
          id={`f-${p.name}-${o.value}`}
          type="radio"
          name={p.name}
          value={o.value}
          checked={o.value === p.value}
          required={p.required}
        />
        <span>{o.label}</span>
      </label>
    ))}
  </fieldset>
)

export type ErrorSummaryProps = { lang: Lang; errors: Record<string, string> }

/**
 * The list of a form's errors at its top, each linking to its field; nothing when no errors.
 * @example <ErrorSummary lang={lang} errors={errors} />
 */
export const ErrorSummary = ({ lang, errors }: ErrorSummaryProps) => {
  const entries = Object.entries(errors)
  if (entries.length === 0) return null
  return (
    <div class="box summary" role="alert" tabindex={-1} id="errors">
      <h2>{t(lang, 'common.errors_title', { n: entries.length })}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#f-${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}
