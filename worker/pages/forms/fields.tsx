import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { Field } from '../../domain/forms/definition'
import { describeCondition } from '../../domain/forms/conditions'
import { inputAttrs, ruleHint } from '../../domain/forms/html'
import { cspHeader } from '../layout'
import { bracketed, t, type Lang } from '../i18n'

// Staff-defined questions as resident-page HTML, in the conventions of worker/pages/layout.tsx:
// control `f-<name>`, hint `<name>-hint`, error `<name>-err`, classes hint / err / check / row.

/** Raw values to show in the inputs: as posted (`answersFromForm`) or prefilled. */
export type FieldValues = Record<string, unknown>

export type FormFieldsProps = {
  fields: Field[]
  values?: FieldValues
  /** Field key → message (from `validateAnswers`). */
  errors?: Record<string, string>
  lang?: Lang
  /** Prefix of input names and ids, when the questions share a page with other inputs. */
  prefix?: string
}

const one = (v: unknown) =>
  Array.isArray(v) ? String(v[0] ?? '') : v === undefined || v === null ? '' : String(v)
const many = (v: unknown) =>
  Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)]
const part = (v: unknown, name: 'building' | 'room') =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? one((v as Record<string, unknown>)[name])
    : name === 'building'
      ? one(v)
      : ''
const ticked = (v: unknown) => v === true || ['1', 'on', 'true', 'yes'].includes(one(v))

const describedBy = (...ids: (string | false | undefined)[]) =>
  ids.filter(Boolean).join(' ') || undefined

/**
 * Renders questions as accessible inputs carrying the HTML5 constraints of the validator:
 * a label on every input, hint / condition / error tied with aria-describedby, radios and
 * checkboxes in a fieldset. Conditional fields are always rendered with their condition in
 * words; `<ConditionScript>` hides them when JavaScript runs. Reused by other domains' pages.
 * @example <FormFields fields={form.fields} values={answersFromForm(form.fields, body)} errors={r.errors} lang={lang} />
 */
export const FormFields = ({
  fields,
  values = {},
  errors = {},
  lang = 'zh',
  prefix = '',
}: FormFieldsProps) => (
  <>
    {fields.map((field) => (
      <FieldBlock
        field={field}
        fields={fields}
        value={values[field.key]}
        error={errors[field.key]}
        lang={lang}
        prefix={prefix}
      />
    ))}
  </>
)

/** The pick limits of a multiple-choice field as data attributes, with the rule in words. */
const limitsOf = (field: Field, lang: Lang) =>
  field.type === 'multiple' && (field.minPicks || field.maxPicks)
    ? {
        'data-min': field.minPicks ? String(field.minPicks) : undefined,
        'data-max': field.maxPicks ? String(field.maxPicks) : undefined,
        'data-msg': ruleHint(field, lang),
      }
    : {}

/**
 * Whether a form's page runs the small script: conditions to show and hide, or pick limits to
 * hold the browser to (the server checks both again).
 */
export const needsFormScript = (fields: Field[]) =>
  fields.some((f) => f.condition || (f.type === 'multiple' && (f.minPicks || f.maxPicks)))

/** The id of a field's (first) control, for links from an error summary. */
export const fieldControlId = (key: string, prefix = '') => `f-${prefix}${key}`

const FieldBlock = (props: {
  field: Field
  fields: Field[]
  value: unknown
  error?: string
  lang: Lang
  prefix: string
}) => {
  const { field, value, error, lang, prefix } = props
  const name = prefix + field.key
  const id = fieldControlId(field.key, prefix)
  if (field.type === 'hidden') return <input type="hidden" name={name} value={one(value)} />

  const attrs = inputAttrs(field)
  // The rule in words once: not again when the error already says it, nor when staff wrote it.
  const rule = ruleHint(field, lang)
  const ruleSaid = !!rule && [error, field.help].some((text) => text?.includes(rule))
  const hint = [field.help, ruleSaid ? undefined : rule].filter(Boolean).join(' · ')
  const hintId = hint ? `${name}-hint` : undefined
  const condId = field.condition ? `${name}-cond` : undefined
  const errId = error ? `${name}-err` : undefined
  const aria = describedBy(hintId, condId, errId)
  const invalid = error ? 'true' : undefined
  // A conditional field is required only when shown: the script sets `required` from data-r.
  const condReq = field.required && field.condition ? '1' : undefined
  const labelText = (
    <>
      {field.label}
      {!field.required && field.type !== 'consent' && (
        <span class="hint">{bracketed(lang, t(lang, 'common.optional'))}</span>
      )}
    </>
  )
  const notes = (
    <>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {field.condition && (
        <p class="hint" id={condId}>
          {describeCondition(field.condition, props.fields, lang)}
        </p>
      )}
      {error && (
        <p class="err" id={errId}>
          {error}
        </p>
      )}
    </>
  )
  const block = (children: Child, fieldset = false) => {
    const common = {
      id: `b-${name}`,
      'data-if': field.condition ? prefix + field.condition.field : undefined,
      'data-v': field.condition?.value,
      // How many boxes may be ticked, for the script to hold the browser to it (limitsOf).
      ...limitsOf(field, lang),
    }
    return fieldset ? (
      <fieldset {...common} aria-describedby={aria}>
        {children}
      </fieldset>
    ) : (
      <div {...common}>{children}</div>
    )
  }

  switch (field.type) {
    case 'single':
    case 'multiple':
    case 'rating': {
      const opts =
        field.type === 'rating'
          ? Array.from({ length: field.scale }, (_, i) => String(i + 1))
          : field.options
      const chosen = many(value)
      const type = field.type === 'multiple' ? 'checkbox' : 'radio'
      const items = opts.map((opt, i) => (
        <label class="check" for={i === 0 ? id : `${id}-${i}`}>
          <input
            type={type}
            name={name}
            value={opt}
            id={i === 0 ? id : `${id}-${i}`}
            checked={chosen.includes(opt) || undefined}
            required={type === 'radio' ? attrs.required : undefined}
            data-r={type === 'radio' ? condReq : undefined}
            aria-invalid={invalid}
          />
          <span>{opt}</span>
        </label>
      ))
      return block(
        <>
          <legend>{labelText}</legend>
          {notes}
          {field.type === 'rating' ? <div class="row">{items}</div> : items}
        </>,
        true,
      )
    }
    case 'consent':
      return block(
        <>
          {notes}
          <label class="check" for={id}>
            <input
              type="checkbox"
              name={name}
              value="1"
              id={id}
              checked={ticked(value) || undefined}
              required={attrs.required}
              data-r={condReq}
              aria-describedby={aria}
              aria-invalid={invalid}
            />
            <span>{field.label}</span>
          </label>
        </>,
      )
    case 'building':
      return block(
        <>
          <legend>{labelText}</legend>
          {notes}
          {(['building', 'room'] as const).map((p) => {
            const partId = p === 'building' ? id : `${id}-room`
            return (
              <>
                <label for={partId}>{t(lang, `form.${p}`)}</label>
                <input
                  {...inputAttrs(field, p)}
                  id={partId}
                  name={`${name}.${p}`}
                  value={part(value, p)}
                  data-r={condReq}
                  aria-describedby={aria}
                  aria-invalid={invalid}
                />
              </>
            )
          })}
        </>,
        true,
      )
    case 'longtext':
      return block(
        <>
          <label for={id}>{labelText}</label>
          {notes}
          <textarea
            id={id}
            name={name}
            rows={4}
            {...attrs}
            data-r={condReq}
            aria-describedby={aria}
            aria-invalid={invalid}
          >
            {one(value)}
          </textarea>
        </>,
      )
    default:
      return block(
        <>
          <label for={id}>{labelText}</label>
          {notes}
          <input
            {...attrs}
            id={id}
            name={name}
            value={one(value)}
            data-r={condReq}
            aria-describedby={aria}
            aria-invalid={invalid}
          />
        </>,
      )
  }
}

/**
 * The toggler for conditional fields: hides a block whose condition does not hold, disabling its
 * inputs (so they are neither validated by the browser nor posted) and restoring `required` on
 * those marked `data-r` when shown. Conditions are checked top-down, so chains work. Without
 * JavaScript every field shows, with its condition in words. It also holds multiple choices to
 * their limits: once `data-max` boxes are ticked the others are disabled, and fewer than
 * `data-min` (but some) stops the submission with the rule in words (`data-msg`).
 */
export const FORM_SCRIPT = `(function(){
var f=document.querySelector('form[data-cond]');if(!f)return;
function vals(n){var e=f.elements[n],out=[];if(!e)return out;if(e.tagName)e=[e];
for(var i=0;i<e.length;i++){var x=e[i];if(x.disabled)continue;
if(x.type==='radio'||x.type==='checkbox'){if(x.checked)out.push(x.value)}else if(x.value)out.push(x.value)}return out}
function run(){var bs=f.querySelectorAll('[data-if]');for(var i=0;i<bs.length;i++){var b=bs[i];
var show=vals(b.getAttribute('data-if')).indexOf(b.getAttribute('data-v'))>=0;b.hidden=!show;
var ins=b.querySelectorAll('input,textarea,select');for(var j=0;j<ins.length;j++){var x=ins[j];x.disabled=!show;
if(x.hasAttribute('data-r'))x.required=show}}limits()}
function limits(){var gs=f.querySelectorAll('fieldset[data-max],fieldset[data-min]');for(var i=0;i<gs.length;i++){var g=gs[i];
var bs=g.querySelectorAll('input[type=checkbox]'),n=0,j;if(g.hidden||!bs.length)continue;for(j=0;j<bs.length;j++)if(bs[j].checked)n++;
var max=+g.getAttribute('data-max')||0,min=+g.getAttribute('data-min')||0;
for(j=0;j<bs.length;j++)if(max)bs[j].disabled=!bs[j].checked&&n>=max;
bs[0].setCustomValidity(min&&n>0&&n<min?g.getAttribute('data-msg'):'')}}
f.addEventListener('change',run);f.addEventListener('input',run);run()})()`

/**
 * The toggler as an inline script for the page's CSP nonce; put it after the `<form data-cond>`.
 * The page's CSP must allow it: `conditionCsp(nonce)`.
 * @example <ConditionScript nonce={nonce} />
 */
export const ConditionScript = ({ nonce }: { nonce: string }) => (
  <script nonce={nonce}>{raw(FORM_SCRIPT)}</script>
)

/**
 * The resident-page CSP (worker/pages/layout.tsx) plus the one nonce'd script.
 * @example c.header('Content-Security-Policy', conditionCsp(nonce))
 */
export const conditionCsp = (nonce: string) => `${cspHeader(nonce)}; script-src 'nonce-${nonce}'`
