import { z } from 'zod'
import type { EvidenceKind } from '../vocabulary'
import { fieldProblem, type Problem } from '../problem'

// What staff record when they mark a programme step done. The step's evidence kind says which
// field is required: a note (文字说明), a photo link (照片链接: http or https only, since
// residents open it) or a number (e.g. 参与人数). The others may be given too. All three are
// shown to residents on the confirmation page.

export const NOTE_MAX = 500
const URL_MAX = 500

export const evidenceSchema = z.object({
  note: z.string({ message: '应为文字' }).trim().max(NOTE_MAX, `最多 ${NOTE_MAX} 个字`).default(''),
  photoUrl: z
    .string({ message: '应为链接' })
    .trim()
    .max(URL_MAX, `链接最多 ${URL_MAX} 个字符`)
    .nullable()
    .optional(),
  number: z.number({ message: '应为数字' }).finite('应为数字').nullable().optional(),
})
export type EvidenceInput = z.infer<typeof evidenceSchema>

const isWebLink = (text: string) => {
  if (!/^https?:\/\//i.test(text)) return false
  try {
    return Boolean(new URL(text).host)
  } catch {
    return false
  }
}

/**
 * The problem with `input` as evidence of the kind a step asks for, or null.
 * @example evidenceProblem('photo', { note: '', photoUrl: 'ftp://x' }) // { errors: { photoUrl: … } }
 */
export const evidenceProblem = (kind: EvidenceKind, input: EvidenceInput): Problem | null => {
  const errors: Record<string, string> = {}
  const url = input.photoUrl?.trim() || null
  if (url && !isWebLink(url)) errors.photoUrl = '照片链接应以 http:// 或 https:// 开头'
  if (kind === 'note' && !input.note) errors.note = '这一步要写明完成情况'
  if (kind === 'photo' && !url) errors.photoUrl ??= '这一步要附上照片链接'
  if (kind === 'number' && (input.number === null || input.number === undefined))
    errors.number = '这一步要填写数字'
  return fieldProblem(errors, '完成佐证不全')
}
