import { NotifyOptIn } from '../notify/opt-in'
import { ChildFieldsBlock, type ChildValues } from '../privacy-children'
import type { Field } from '../../domain/forms/definition'
import { Layout } from '../layout'
import { colon, formatDate, t, type Lang } from '../i18n'
import {
  ConditionScript,
  FormFields,
  fieldControlId,
  needsFormScript,
  type FieldValues,
} from './fields'

// The public form pages: the form, its refusals (not open / closed / full) and the receipt,
// rendered in the shared resident layout. The poster is the shared one (pages/poster.tsx).

export type PublicForm = {
  slug: string
  title: string
  description: string
  closesAt: number | null
  maxResponses: number | null
  responseCount: number
  /** One answer per phone: said before the form, not after it is filled in. */
  onePerPhone: boolean
  /** For children: a guardian fills it in (the guardian's part before the questions). */
  forChildren: boolean
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
    /** 有进展时短信通知我 as ticked (offered when the form asks for a phone). */
    notify?: boolean
    /** A form for children: the guardian's part as typed. */
    child?: ChildValues
  },
) => {
  const { form, lang, errors = {} } = props
  const childLabels: Record<string, string> = {
    guardianName: t(lang, 'child.guardian_name'),
    guardianPhone: t(lang, 'child.guardian_phone'),
    guardianRelation: t(lang, 'child.relation'),
    childName: t(lang, 'child.child_name'),
    childAge: t(lang, 'child.child_age'),
    guardianConsent: t(lang, 'child.title'),
  }
  const childKeys = form.forChildren ? Object.keys(childLabels).filter((k) => errors[k]) : []
  const errorKeys = form.fields.filter((f) => errors[f.key]).map((f) => f.key)
  const hasScript = needsFormScript(form.fields)
  const remaining =
    form.maxResponses === null ? null : Math.max(0, form.maxResponses - form.responseCount)
  const count = errorKeys.length + childKeys.length + (props.formError ? 1 : 0)
  return (
    <Layout lang={lang} title={form.title} nonce={props.nonce} altLangHref={props.altLangHref}>
      {props.preview && (
        <p class="notice" role="status">
          {t(lang, 'form.preview')}
        </p>
      )}
      <h1>{form.title}</h1>
      <Paragraphs text={form.description} />
      {form.closesAt !== null && (
        <p class="meta">
          {t(lang, 'form.closes_at', { time: formatDate(form.closesAt, lang, true) })}
        </p>
      )}
      {remaining !== null && <p class="meta">{t(lang, 'form.remaining', { n: remaining })}</p>}
      {form.onePerPhone && <p class="notice">{t(lang, 'form.one_per_phone')}</p>}
      {count > 0 && (
        <div class="box summary" role="alert" tabindex={-1} id="errors">
          <h2>{t(lang, 'common.errors_title', { n: count })}</h2>
          <ul>
            {props.formError && <li>{props.formError}</li>}
            {childKeys.map((key) => (
              <li>
                <a href={`#f-${key}`}>
                  {childLabels[key]}
                  {colon(lang)}
                  {errors[key]}
                </a>
              </li>
            ))}
            {errorKeys.map((key) => (
              <li>
                <a href={`#${fieldControlId(key)}`}>
                  {form.fields.find((f) => f.key === key)!.label}
                  {colon(lang)}
                  {errors[key]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={`/s/${form.slug}`} data-cond={hasScript ? '1' : undefined}>
        <input type="hidden" name="_key" value={props.idempotencyKey} />
        {props.langAsked && <input type="hidden" name="_lang" value={lang} />}
        <div class="hp" aria-hidden="true">
          <label>
            Website <input name="_website" tabindex={-1} autocomplete="off" />
          </label>
        </div>
        {form.forChildren && (
          <ChildFieldsBlock lang={lang} values={props.child ?? {}} errors={errors} guardian />
        )}
        <FormFields fields={form.fields} values={props.values} errors={errors} lang={lang} />
        {(form.forChildren || form.fields.some((f) => f.type === 'phone')) && (
          <NotifyOptIn lang={lang} checked={!!props.notify} name="_notify" />
        )}
        <button type="submit" class="wide" disabled={props.preview || undefined}>
          {t(lang, 'form.submit')}
        </button>
      </form>
      {hasScript && <ConditionScript nonce={props.nonce} />}
    </Layout>
  )
}

/** A page that says why the form cannot be filled in now (not open, closed, full, too many tries). */
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
  const { lang } = props
  return (
    <Layout
      lang={lang}
      title={`${t(lang, 'form.thanks_title')} · ${props.title}`}
      nonce={props.nonce}
    >
      <h1>{t(lang, 'form.thanks_title')}</h1>
      <p>{props.title}</p>
      <p role="status">{t(lang, 'form.thanks_body')}</p>
      {props.receipt && (
        <div class="box">
          <p>{t(lang, 'form.receipt')}</p>
          <p class="code">{props.receipt}</p>
          {props.createdAt && (
            <p class="meta">
              {t(lang, 'form.submitted_at')}
              {colon(lang)}
              {formatDate(props.createdAt, lang, true)}
            </p>
          )}
          <p class="hint">{t(lang, 'form.keep_receipt')}</p>
        </div>
      )}
      <p>
        <a class="tap" href={`/s/${props.slug}${langQuery(lang, props.langAsked)}`}>
          {t(lang, 'form.back')}
        </a>
      </p>
    </Layout>
  )
}
