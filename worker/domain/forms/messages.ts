// The words of the forms engine, in the one message shape (worker/domain/messages.ts): why an
// answer is refused, the rule a field states in its hint, a condition in words. They live in the
// domain, not in the pages' dictionary, because the API and the db layer validate answers too.
import { translator } from '../messages'

export const FORM_MESSAGES = {
  zh: {
    'answer.required': '请填写此项',
    'answer.choose': '请选择一项',
    'answer.consent': '请勾选同意后再提交',
    'answer.too_long': '最多 {n} 个字',
    'answer.number': '请输入数字',
    'answer.integer': '请输入整数',
    'answer.min': '不能小于 {n}',
    'answer.max': '不能大于 {n}',
    'answer.phone': '请输入 11 位手机号，例如 13812345678',
    'answer.option': '请从给出的选项中选择',
    'answer.min_picks': '至少选 {n} 项',
    'answer.max_picks': '最多选 {n} 项',
    'answer.date': '请输入有效日期，例如 2026-05-01',
    'answer.date_min': '不能早于 {d}',
    'answer.date_max': '不能晚于 {d}',
    'answer.rating': '请选择 1 到 {n} 分',
    'answer.building': '请填写楼号',
    'answer.room': '请填写室号',
    'hint.picks_between': '请选 {lo}–{hi} 项',
    'hint.picks_max': '最多选 {n} 项',
    'hint.picks_min': '至少选 {n} 项',
    'hint.picks_any': '可多选',
    'hint.rating': '1 分最低，{n} 分最高',
    'condition.includes': '仅当「{label}」选了“{value}”时填写',
    'condition.equals': '仅当「{label}」选择“{value}”时填写',
  },
  en: {
    'answer.required': 'Please fill this in',
    'answer.choose': 'Please choose one',
    'answer.consent': 'Please tick to agree before sending',
    'answer.too_long': 'At most {n} characters',
    'answer.number': 'Please enter a number',
    'answer.integer': 'Please enter a whole number',
    'answer.min': 'Must be at least {n}',
    'answer.max': 'Must be at most {n}',
    'answer.phone': 'Please enter an 11-digit mobile number, e.g. 13812345678',
    'answer.option': 'Please choose one of the options',
    'answer.min_picks': 'Choose at least {n}',
    'answer.max_picks': 'Choose at most {n}',
    'answer.date': 'Please enter a valid date, e.g. 2026-05-01',
    'answer.date_min': 'Must not be before {d}',
    'answer.date_max': 'Must not be after {d}',
    'answer.rating': 'Please choose from 1 to {n}',
    'answer.building': 'Please enter the building number',
    'answer.room': 'Please enter the room number',
    'hint.picks_between': 'Choose {lo}–{hi}',
    'hint.picks_max': 'Choose up to {n}',
    'hint.picks_min': 'Choose at least {n}',
    'hint.picks_any': 'Choose any',
    'hint.rating': '1 lowest, {n} highest',
    'condition.includes': 'Only if you chose “{value}” in “{label}”',
    'condition.equals': 'Only if “{label}” is “{value}”',
  },
}

export type FormMessageKey = keyof (typeof FORM_MESSAGES)['zh']

/**
 * A forms-engine message in `lang`.
 * @example formMessage('zh', 'answer.max_picks', { n: 2 }) // '最多选 2 项'
 */
export const formMessage = translator<FormMessageKey>(FORM_MESSAGES)
