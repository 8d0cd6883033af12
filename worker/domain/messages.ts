// The one shape of words in two languages, and the one way to read them: a flat dictionary per
// language with keys `<area>.<what>` and `{name}` parameters, read by `t(lang, key, params)`.
// The resident pages' dictionary (worker/pages/i18n.ts) and the domain's own words (the forms
// engine's refusals, which the API shows too) are both built with `translator`.
import type { Lang } from './vocabulary'

export type { Lang }

/** Values of a message's `{name}` parameters. */
export type Params = Record<string, string | number>

/** A dictionary: the same keys in Chinese and in English. */
export type Messages<K extends string> = Record<Lang, Record<K, string>>

/**
 * The message function of a dictionary: the message in `lang` with its `{name}` parameters
 * filled in (unknown parameters stay as written), Chinese when a translation is missing.
 * @example
 * const t = translator({ zh: { hi: '你好，{name}' }, en: { hi: 'Hello, {name}' } })
 * t('en', 'hi', { name: 'Li' }) // 'Hello, Li'
 */
export const translator =
  <K extends string>(messages: Messages<K>) =>
  (lang: Lang, key: K, params?: Params): string => {
    const text = messages[lang][key] ?? messages.zh[key] ?? key
    if (!params) return text
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    )
  }

const SENTENCE_END = /[.!?。！？…]$/

/**
 * `text` as a finished sentence: a full stop in `lang` unless it already ends with one (or with
 * a question or exclamation mark), so a message built around a label ("请选择：问题解决了吗？")
 * never ends twice or not at all.
 * @example sentence('zh', '请填写：一句话说明') // '请填写：一句话说明。'
 */
export const sentence = (lang: Lang, text: string) => {
  const s = text.trimEnd()
  return !s || SENTENCE_END.test(s) ? s : `${s}${lang === 'zh' ? '。' : '.'}`
}
