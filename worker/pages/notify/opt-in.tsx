// The "有进展时短信通知我" choice beside a phone field (needs form, registration, surveys):
// separate from the consent to be contacted, unticked unless the resident ticked it.
import { type Lang, t } from '../i18n'
import { Checkbox } from '../layout'

/** The form field's name. */
export const NOTIFY_FIELD = 'notify'

/** Whether the posted form opted in. */
export const optedIn = (form: Record<string, string>) =>
  form[NOTIFY_FIELD] === '1' || form[NOTIFY_FIELD] === 'on'

/** `name`: another field name where `notify` could clash (a survey's own fields). */
export const NotifyOptIn = (p: { lang: Lang; checked: boolean; error?: string; name?: string }) => (
  <Checkbox
    lang={p.lang}
    name={p.name ?? NOTIFY_FIELD}
    label={t(p.lang, 'notify.opt_in')}
    hint={t(p.lang, 'notify.opt_in_hint')}
    checked={p.checked}
    error={p.error}
  />
)
