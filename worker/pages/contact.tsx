// The optional contact block that the needs form and the meeting door sign-in share: a heading,
// why we ask (the privacy notice), name, phone (a mobile, or a landline with its area code: it
// is only for calling back) and an unticked consent box; and the one check of what was typed.
import type { Child } from 'hono/jsx'
import { isContactPhone, normalizePhone } from '../domain/masking'
import { cleanText } from '../domain/text'
import { charCount } from './common'
import { t, type Lang } from './i18n'
import { Checkbox, PhoneField, TextField } from './layout'

/** The contact fields as typed (kept verbatim for every re-render). */
export type ContactValues = { name: string; phone: string; consent: boolean }

/** The longest name or form of address we keep. */
export const CONTACT_NAME_MAX = 20

export const emptyContact = (): ContactValues => ({ name: '', phone: '', consent: false })

/** The contact fields of a posted form. */
export const contactValues = (form: Record<string, string>): ContactValues => ({
  name: form.name ?? '',
  phone: form.phone ?? '',
  consent: form.consent === '1' || form.consent === 'on',
})

/**
 * Checks the contact fields: a name within its length, a phone that can be called back, and the
 * consent tick whenever either is given. Errors are sentences keyed by field name.
 * @example checkContact({ name: '', phone: '021-56781234', consent: true }, 'zh') // { errors: {}, name: null, phone: '02156781234' }
 */
export const checkContact = (v: ContactValues, lang: Lang) => {
  const errors: Record<string, string> = {}
  const name = cleanText(v.name)
  const phone = normalizePhone(v.phone)
  const n = charCount(name)
  if (n > CONTACT_NAME_MAX)
    errors.name = t(lang, 'err.too_long', {
      label: t(lang, 'contact.name'),
      max: CONTACT_NAME_MAX,
      n,
    })
  if (phone && !isContactPhone(phone)) errors.phone = t(lang, 'err.contact_phone')
  if ((name || phone) && !v.consent) errors.consent = t(lang, 'err.consent')
  return { errors, name: name || null, phone: phone || null }
}

/**
 * The contact block inside a form: heading, privacy notice, name, phone, consent; `children`
 * (e.g. a further opt-in) come after the consent box.
 * @example <ContactBlock lang={lang} title={t(lang, 'needs.contact_title')} privacy={t(lang, 'needs.privacy')} values={v} errors={e} />
 */
export const ContactBlock = (p: {
  lang: Lang
  title: string
  privacy: string
  values: ContactValues
  errors: Record<string, string>
  children?: Child
}) => {
  const { lang, values: v, errors: e } = p
  return (
    <>
      <h2>{p.title}</h2>
      <p class="notice" id="privacy">
        {p.privacy}
      </p>
      <TextField
        lang={lang}
        name="name"
        label={t(lang, 'contact.name')}
        value={v.name}
        error={e.name}
        autocomplete="name"
      />
      <PhoneField
        lang={lang}
        label={t(lang, 'contact.phone')}
        hint={t(lang, 'contact.phone_hint')}
        value={v.phone}
        error={e.phone}
      />
      <Checkbox
        lang={lang}
        name="consent"
        label={t(lang, 'contact.consent')}
        checked={v.consent}
        error={e.consent}
      />
      {p.children}
    </>
  )
}
