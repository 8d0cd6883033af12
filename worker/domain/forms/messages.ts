// The words residents read when an answer is refused, in plain language.

export type Lang = 'zh' | 'en'

export type AnswerMessages = {
  required: string
  choose: string
  consent: string
  tooLong: (n: number) => string
  number: string
  integer: string
  min: (n: number) => string
  max: (n: number) => string
  phone: string
  option: string
  minPicks: (n: number) => string
  maxPicks: (n: number) => string
  date: string
  dateMin: (d: string) => string
  dateMax: (d: string) => string
  rating: (n: number) => string
  building: string
  room: string
}

export const answerMessages: Record<Lang, AnswerMessages> = {
  zh: {
    required: '请填写此项',
    choose: '请选择一项',
    consent: '请勾选同意后再提交',
    tooLong: (n) => `最多 ${n} 个字`,
    number: '请输入数字',
    integer: '请输入整数',
    min: (n) => `不能小于 ${n}`,
    max: (n) => `不能大于 ${n}`,
    phone: '请输入 11 位手机号，例如 13812345678',
    option: '请从给出的选项中选择',
    minPicks: (n) => `至少选 ${n} 项`,
    maxPicks: (n) => `最多选 ${n} 项`,
    date: '请输入有效日期，例如 2026-05-01',
    dateMin: (d) => `不能早于 ${d}`,
    dateMax: (d) => `不能晚于 ${d}`,
    rating: (n) => `请选择 1 到 ${n} 分`,
    building: '请填写楼号',
    room: '请填写室号',
  },
  en: {
    required: 'Please fill this in',
    choose: 'Please choose one',
    consent: 'Please tick to agree before sending',
    tooLong: (n) => `At most ${n} characters`,
    number: 'Please enter a number',
    integer: 'Please enter a whole number',
    min: (n) => `Must be at least ${n}`,
    max: (n) => `Must be at most ${n}`,
    phone: 'Please enter an 11-digit mobile number, e.g. 13812345678',
    option: 'Please choose one of the options',
    minPicks: (n) => `Choose at least ${n}`,
    maxPicks: (n) => `Choose at most ${n}`,
    date: 'Please enter a valid date, e.g. 2026-05-01',
    dateMin: (d) => `Must not be before ${d}`,
    dateMax: (d) => `Must not be after ${d}`,
    rating: (n) => `Please choose from 1 to ${n}`,
    building: 'Please enter the building number',
    room: 'Please enter the room number',
  },
}
