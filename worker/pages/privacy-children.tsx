// The guardian's part of a registration for a children's activity (domain/privacy/children.ts):
// relationship, the child's name and age or school year, and the guardian's specific consent.
import { CHILD_LIMITS } from '../domain/privacy/children'
import type { Lang } from './i18n'
import { TextField } from './layout'

const WORDS = {
  zh: {
    title: '孩子的信息',
    note: '本活动面向儿童，请由监护人报名。上面填写的是您（监护人）的姓名和手机号。孩子只需填写姓名和年龄或年级；孩子的信息只有负责本活动的工作人员能看到，活动结束 30 天后删除。',
    formNote:
      '本表面向儿童，请由监护人填写。孩子只需填写姓名和年龄或年级；孩子的信息只有负责本表的工作人员能看到，表单截止 30 天后删除。',
    relation: '您与孩子的关系',
    childName: '孩子姓名',
    childAge: '孩子年龄或年级',
    childAgeHint: '例如：8岁、三年级',
    consent: '我是该儿童的监护人，同意居委会为本次活动的报名、签到和安全联络使用上述孩子的信息',
    privacyLink: '个人信息保护说明',
    guardianName: '监护人姓名',
    guardianPhone: '监护人手机号',
  },
  en: {
    title: 'About the child',
    note: 'This activity is for children: a guardian registers. The name and phone above are yours (the guardian’s). For the child we only ask a name and an age or school year; only the staff of this activity see them, and they are deleted 30 days after the activity.',
    formNote:
      'This form is for children: a guardian fills it in. For the child we only ask a name and an age or school year; only the staff in charge of this form see them, and they are deleted 30 days after the form closes.',
    relation: 'Your relationship to the child',
    childName: 'Child’s name',
    childAge: 'Child’s age or school year',
    childAgeHint: 'e.g. 8, or Year 3',
    consent:
      'I am the child’s guardian and consent to the committee using these details of the child for this activity’s registration, check-in and safety contact',
    privacyLink: 'Privacy notice',
    guardianName: 'Guardian’s name',
    guardianPhone: 'Guardian’s mobile number',
  },
}

/** The words of the guardian's part in `lang`. */
export const childWords = (lang: Lang) => WORDS[lang]

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
  label: keyof (typeof WORDS)['zh']
  hint?: keyof (typeof WORDS)['zh']
  type?: 'tel'
  autocomplete?: string
}

const GUARDIAN_ROWS: Row[] = [
  { name: 'guardianName', label: 'guardianName', autocomplete: 'name' },
  { name: 'guardianPhone', label: 'guardianPhone', type: 'tel', autocomplete: 'tel' },
]
const CHILD_ROWS: Row[] = [
  { name: 'guardianRelation', label: 'relation' },
  { name: 'childName', label: 'childName', autocomplete: 'off' },
  { name: 'childAge', label: 'childAge', hint: 'childAgeHint' },
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
  const w = WORDS[p.lang]
  const { values: v, errors: e } = p
  return (
    <fieldset>
      <h2>{w.title}</h2>
      <p class="notice">{p.guardian ? w.formNote : w.note}</p>
      {[...(p.guardian ? GUARDIAN_ROWS : []), ...CHILD_ROWS].map((r) => (
        <TextField
          lang={p.lang}
          name={r.name}
          type={r.type}
          inputMode={r.type}
          label={w[r.label]}
          hint={r.hint && w[r.hint]}
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
        {w.consent}
      </label>
      <p class="hint">
        <a href={p.lang === 'en' ? '/privacy?lang=en' : '/privacy'}>{w.privacyLink}</a>
      </p>
    </fieldset>
  )
}
