import { nameIn, t, type Lang } from './i18n'
import { ErrorSummary, Select, TextArea, TextField } from './layout'
import { ContactBlock, emptyContact, type ContactValues } from './contact'
import type { CategoryOption } from '../db/queries/resident/needs'
import { NotifyOptIn } from './notify/opt-in'

/** What the needs form posts, as typed (kept verbatim for every re-render). */
export type NeedValues = ContactValues & {
  title: string
  details: string
  categoryId: string
  where: string
  /** 有进展时短信通知我: a separate, unticked opt-in (needs a mobile). */
  notify: boolean
}

export const emptyNeed = (): NeedValues => ({
  title: '',
  details: '',
  categoryId: '',
  where: '',
  ...emptyContact(),
  notify: false,
})

/** The hidden honeypot's field name: people never see it, form-filling bots fill it. */
export const HONEYPOT = 'website'

/** The fields of a need as hidden inputs, to carry them through the similar-topic step. */
export const HiddenNeed = ({ values, idemKey }: { values: NeedValues; idemKey: string }) => (
  <>
    <input type="hidden" name="key" value={idemKey} />
    <input type="hidden" name="title" value={values.title} />
    <input type="hidden" name="details" value={values.details} />
    <input type="hidden" name="categoryId" value={values.categoryId} />
    <input type="hidden" name="where" value={values.where} />
    <input type="hidden" name="name" value={values.name} />
    <input type="hidden" name="phone" value={values.phone} />
    {values.consent && <input type="hidden" name="consent" value="1" />}
    {values.notify && <input type="hidden" name="notify" value="1" />}
  </>
)

export type NeedsFormProps = {
  lang: Lang
  /** Where the form posts (the channel's or the neighborhood's URL). */
  action: string
  /** The place named in the intro: the QR point's label or the neighborhood. */
  place: string
  values: NeedValues
  errors: Record<string, string>
  categories: CategoryOption[]
  idemKey: string
  boardHref: string
  /** A sentence above the form (rate limit, stale page), announced to screen readers. */
  notice?: string
}

/**
 * The needs form: title, details, category, where, then the optional contact block (contact.tsx).
 * Works without JavaScript.
 */
export const NeedsForm = (p: NeedsFormProps) => {
  const { lang, values: v, errors: e } = p
  return (
    <>
      <h1>{t(lang, 'needs.title')}</h1>
      <p>{t(lang, 'needs.intro', { place: p.place })}</p>
      {p.notice && (
        <div class="box summary" role="alert">
          <p>{p.notice}</p>
        </div>
      )}
      <ErrorSummary lang={lang} errors={e} />
      <form method="post" action={p.action} novalidate>
        <input type="hidden" name="key" value={p.idemKey} />
        <TextField
          lang={lang}
          name="title"
          label={t(lang, 'needs.field_title')}
          hint={t(lang, 'needs.hint_title')}
          value={v.title}
          error={e.title}
          required
        />
        <TextArea
          lang={lang}
          name="details"
          label={t(lang, 'needs.field_details')}
          hint={t(lang, 'needs.hint_details')}
          value={v.details}
          error={e.details}
        />
        <Select
          lang={lang}
          name="categoryId"
          label={t(lang, 'needs.field_category')}
          placeholder={t(lang, 'needs.choose')}
          options={p.categories.map((c) => ({
            value: String(c.id),
            label: nameIn(lang, c.name, c.nameEn),
          }))}
          value={v.categoryId}
          error={e.categoryId}
          required
        />
        <TextField
          lang={lang}
          name="where"
          label={t(lang, 'needs.field_where')}
          hint={t(lang, 'needs.hint_where')}
          value={v.where}
          error={e.where}
          autocomplete="off"
        />
        <div class="hp">
          <label for={`f-${HONEYPOT}`}>{t(lang, 'needs.hp')}</label>
          <input id={`f-${HONEYPOT}`} name={HONEYPOT} tabindex={-1} autocomplete="off" value="" />
        </div>
        <ContactBlock
          lang={lang}
          title={t(lang, 'needs.contact_title')}
          privacy={t(lang, 'needs.privacy')}
          values={v}
          errors={e}
        >
          <NotifyOptIn lang={lang} checked={v.notify} error={e.notify} />
        </ContactBlock>
        <button type="submit" class="wide">
          {t(lang, 'needs.submit')}
        </button>
      </form>
      <p>
        <a class="tap" href={p.boardHref}>
          {t(lang, 'needs.board_link')}
        </a>
      </p>
    </>
  )
}
