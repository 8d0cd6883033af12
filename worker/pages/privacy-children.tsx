// The guardian's part of a registration for a children's activity (domain/privacy/children.ts):
// relationship, the child's name and age or school year, and the guardian's specific consent.
import { CHILD_LIMITS } from '../domain/privacy/children'
import { langHref, type Lang, type MessageKey, t } from './i18n'
import { TextField } from './layout'

export type ChildValues = {
  guardianName?: string
  guardianPhone?: string
  guardianRelation?: string
  childName?: string
  childAge?: string
  guardianConsent?: string
}

/** One row of the guardian's part: its name, label key, hint and input kind. */
type Row = {
  name: keyof typeof CHILD_LIMITS
  label: MessageKey
  hint?: MessageKey
  type?: 'tel'
  autocomplete?: string
}

const GUARDIAN_ROWS: Row[] = [
  { name: 'guardianName', label: 'child.guardian_name', autocomplete: 'name' },
  { name: 'guardianPhone', label: 'child.guardian_phone', type: 'tel', autocomplete: 'tel' },
]
const CHILD_ROWS: Row[] = [
  { name: 'guardianRelation', label: 'child.relation' },
  { name: 'childName', label: 'child.child_name', autocomplete: 'off' },
  { name: 'childAge', label: 'child.child_age', hint: 'child.child_age_hint' },
]

/**
 * The child's fields and the guardian's consent box, keeping what was typed. With `guardian`
 * (a form for children, which has no name and phone of its own) the guardian's name and phone first.
 */
export const ChildFieldsBlock = (p: {
  lang: Lang
  values: ChildValues
  errors: Record<string, string>
  guardian?: boolean
}) => {
  const { values: v, errors: e } = p
  return (
    <fieldset>
      <h2>{t(p.lang, 'child.title')}</h2>
      <p class="notice">{t(p.lang, p.guardian ? 'child.form_note' : 'child.note')}</p>
      {[...(p.guardian ? GUARDIAN_ROWS : []), ...CHILD_ROWS].map((r) => (
        <TextField
          lang={p.lang}
          name={r.name}
          type={r.type}
          inputMode={r.type}
          label={t(p.lang, r.label)}
          hint={r.hint && t(p.lang, r.hint)}
          value={v[r.name]}
          error={e[r.name]}
          required
          maxLength={CHILD_LIMITS[r.name]}
          autocomplete={r.autocomplete}
        />
      ))}
      {e.guardianConsent && (
        <p class="err" id="guardianConsent-err">
          {e.guardianConsent}
        </p>
      )}
      <label class="check" for="f-guardianConsent">
        <input
          id="f-guardianConsent"
          type="checkbox"
          name="guardianConsent"
          value="1"
          checked={v.guardianConsent === '1'}
          aria-invalid={e.guardianConsent ? 'true' : undefined}
          aria-describedby={e.guardianConsent ? 'guardianConsent-err' : undefined}
        />
        {t(p.lang, 'child.consent')}
      </label>
      <p class="hint">
        <a href={langHref(p.lang, '/privacy')}>{t(p.lang, 'child.privacy_link')}</a>
      </p>
    </fieldset>
  )
}
