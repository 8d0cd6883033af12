import { maskPhone } from '../masking'
import type { Answer, Answers, BuildingAnswer, Field } from './definition'
import type { Lang } from '../vocabulary'

const part = (text: string | undefined, unit: string) =>
  text === undefined ? '' : /^\d+$/.test(text) ? `${text}${unit}` : text

/** What a masked sensitive answer shows (as a child's masked fields do). */
export const HIDDEN_ANSWER = '***'

type FormatOptions = {
  maskPhones?: boolean
  /** Answers to questions marked sensitive shown as `***` (a role other than the record's staff). */
  maskSensitive?: boolean
  lang?: Lang
}

/**
 * An answer as one line of text, for the admin grid and exports: lists joined with 、,
 * a building/room as `12号 301室`, consent as 同意 / 未同意, phones (and sensitive answers) masked when asked.
 * @example formatAnswer({ type: 'multiple', … }, ['早餐', '充电']) // '早餐、充电'
 */
export const formatAnswer = (
  field: Field | undefined,
  value: Answer | undefined,
  options: FormatOptions = {},
): string => {
  if (value === undefined || value === null) return ''
  if (field?.sensitive && options.maskSensitive) return HIDDEN_ANSWER
  const en = options.lang === 'en'
  if (Array.isArray(value)) return value.join(en ? ', ' : '、')
  if (typeof value === 'boolean') return value ? (en ? 'Yes' : '同意') : en ? 'No' : '未同意'
  if (typeof value === 'object') {
    const { building, room } = value as BuildingAnswer
    return en
      ? [building && `Bldg ${building}`, room && `Rm ${room}`].filter(Boolean).join(' ')
      : [part(building, '号'), part(room, '室')].filter(Boolean).join(' ')
  }
  if (field?.type === 'phone' && options.maskPhones) return maskPhone(String(value)) ?? ''
  return String(value)
}

/** Every answer formatted, keyed by field key (fields the version did not have are left out). */
export const formatAnswers = (fields: Field[], answers: Answers, options: FormatOptions = {}) => {
  const out: Record<string, string> = {}
  for (const f of fields)
    if (answers[f.key] !== undefined) out[f.key] = formatAnswer(f, answers[f.key], options)
  return out
}

/** The answers with every phone-field answer masked, and with `sensitive` every sensitive one. */
export const maskAnswers = (fields: Field[], answers: Answers, sensitive = false): Answers => {
  const out = { ...answers }
  for (const f of fields)
    if (sensitive && f.sensitive && out[f.key] !== undefined) out[f.key] = HIDDEN_ANSWER
    else if (f.type === 'phone' && typeof out[f.key] === 'string')
      out[f.key] = maskPhone(out[f.key] as string) ?? ''
  return out
}
