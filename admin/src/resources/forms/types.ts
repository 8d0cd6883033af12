import { FIELD_TYPES, type FieldType, type FormStatus } from '@domain/vocabulary'

// Mirrors the API records of worker/api/forms/record.ts and worker/domain/forms/definition.ts.

export { FIELD_TYPES, type FieldType }

export type Availability = 'draft' | 'not_open' | 'open' | 'closed' | 'full'

export type Condition = { field: string; op?: 'equals' | 'includes'; value: string }

export type FormField = {
  key: string
  label: string
  type: FieldType
  required?: boolean
  help?: string | null
  options?: string[] | null
  min?: number | string | null
  max?: number | string | null
  integer?: boolean | null
  minPicks?: number | null
  maxPicks?: number | null
  scale?: number | null
  maxLength?: number | null
  condition?: Condition | null
  /** Sensitive personal information (health notes): masked but for the form's staff. */
  sensitive?: boolean | null
}

export type FormRecord = {
  id: number
  townId: number
  neighborhoodId: number | null
  slug: string
  title: string
  description: string
  status: FormStatus
  availability: Availability
  opensAt: number | null
  closesAt: number | null
  maxResponses: number | null
  onePerPhone: boolean
  /** A form for children (#17.5): the guardian's part, the child's data masked but for its staff. */
  forChildren: boolean
  version: number
  fields: FormField[]
  responseCount: number
  publicUrl: string
  qrUrl: string
  posterUrl: string
  createdAt: number
  updatedAt: number
  /** GET /api/forms/:id only */
  allFields?: FormField[]
  versions?: { version: number; createdAt: number; responseCount: number; fields: FormField[] }[]
}

export type ResponseRecord = {
  id: number
  formId: number
  version: number
  answers: Record<string, unknown>
  display: Record<string, string>
  receipt: string
  createdAt: number
}

export type Bar = { label: string; count: number; share: number }
export type QuestionStats = {
  key: string
  label: string
  type: FieldType
  answered: number
  options?: Bar[]
  mean?: number | null
  median?: number | null
  min?: number | null
  max?: number | null
  distribution?: Bar[]
  samples?: string[]
}
export type FormStats = { formId: number; title: string; total: number; questions: QuestionStats[] }

/** Choice fields: the ones a condition or an answer filter can point at. */
export const isChoice = (f: Pick<FormField, 'type'>) => f.type === 'single' || f.type === 'multiple'
