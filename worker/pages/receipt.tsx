import { langHref, t, type Lang } from './i18n'

export type ReceiptProps = {
  lang: Lang
  code: string
  /** A filed topic or a "me too" on someone else's. */
  kind: 'topic' | 'support'
  /** Link to the tracking page (with the language carried). */
  trackHref: string
  boardHref: string
  againHref?: string
  /** A word on this receipt, e.g. that the tick was not counted again. */
  note?: string
  /** Earlier codes filed from this browser, newest first, each with its tracking link. */
  earlier?: { code: string; href: string }[]
}

/**
 * The receipt: the tracking code, big, a link to follow it and a plain hint to screenshot it.
 * @example <Receipt lang="zh" code="K7Q-4MX" kind="topic" trackHref="/t/K7Q-4MX" boardHref="/b/huihuayuan" />
 */
export const Receipt = ({
  lang,
  code,
  kind,
  trackHref,
  boardHref,
  againHref,
  note,
  earlier = [],
}: ReceiptProps) => (
  <>
    <h1>{t(lang, kind === 'topic' ? 'receipt.title' : 'receipt.support_title')}</h1>
    <div class="box">
      <p>{t(lang, 'receipt.code_label')}</p>
      <p class="code" id="code">
        {code}
      </p>
      <p>{t(lang, kind === 'topic' ? 'receipt.keep' : 'receipt.keep_support')}</p>
    </div>
    {note && <p class="notice">{note}</p>}
    <p>
      <a class="btn wide" href={trackHref}>
        {t(lang, 'receipt.track')}
      </a>
    </p>
    {earlier.length > 0 && (
      <>
        <h2>{t(lang, 'receipt.earlier')}</h2>
        <ul>
          {earlier.map((e) => (
            <li>
              <a class="tap" href={e.href}>
                {e.code}
              </a>
            </li>
          ))}
        </ul>
      </>
    )}
    <p class="row">
      {againHref && (
        <a class="tap" href={againHref}>
          {t(lang, 'receipt.again')}
        </a>
      )}
      <a class="tap" href={boardHref}>
        {t(lang, 'receipt.board')}
      </a>
    </p>
    <p>
      <a class="tap" href={langHref(lang, '/me')}>
        {t(lang, 'me.footer_link')}
      </a>
    </p>
  </>
)
