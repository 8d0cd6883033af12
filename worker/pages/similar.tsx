import { t, type Lang } from './i18n'
import { HiddenNeed, type NeedValues } from './needs-form'

export type SimilarTopic = { id: number; title: string; supportCount: number; status: string }

export type SimilarStepProps = {
  lang: Lang
  similar: SimilarTopic[]
  values: NeedValues
  idemKey: string
  /** The needs form's URL: "file mine anyway" posts here with `confirmed=1`. */
  action: string
  /** The board's support action for this neighborhood. */
  supportAction: string
}

/**
 * "Is it one of these?": each similar open topic with a "me too" button, and one button to file
 * the resident's own topic anyway. Plain forms, no JavaScript; every typed value rides along.
 */
export const SimilarStep = ({
  lang,
  similar,
  values,
  idemKey,
  action,
  supportAction,
}: SimilarStepProps) => (
  <>
    <h1>{t(lang, 'similar.title')}</h1>
    <p>{t(lang, 'similar.intro')}</p>
    <ul class="cards">
      {similar.map((s) => (
        <li class="box">
          <h2>{s.title}</h2>
          <p class="meta">
            {t(lang, `status.${s.status}` as 'status.submitted')} ·{' '}
            {t(lang, 'similar.supporters', { n: s.supportCount })}
          </p>
          <form method="post" action={supportAction}>
            <input type="hidden" name="key" value={idemKey} />
            <input type="hidden" name="topicId" value={String(s.id)} />
            <button type="submit">{t(lang, 'similar.support')}</button>
          </form>
        </li>
      ))}
    </ul>
    <div class="box">
      <h2>{t(lang, 'similar.yours')}</h2>
      <p>{values.title}</p>
      <form method="post" action={action}>
        <HiddenNeed values={values} idemKey={idemKey} />
        <input type="hidden" name="confirmed" value="1" />
        <button type="submit" class="wide">
          {t(lang, 'similar.file_anyway')}
        </button>
        <button type="submit" name="edit" value="1" class="alt">
          {t(lang, 'common.back')}
        </button>
      </form>
    </div>
  </>
)
