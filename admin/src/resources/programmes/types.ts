import type { MatrixCell } from '@domain/programmes/matrix'
import type { EvidenceKind, Post, StepState } from '@domain/vocabulary'

// What the programme API answers (worker/api/programmes).

export type Step = {
  id: number
  sortOrder: number
  title: string
  doneWhen: string
  evidence: EvidenceKind
  dueDays: number | null
  dueAt: number | null
  /** When it is due, computed from the programme's start (end of that Shanghai day). */
  due: number
  ownerPost: Post
  public: boolean
}

export type Programme = {
  id: number
  townId: number
  name: string
  description: string
  owningBody: string
  startsAt: number
  endsAt: number
  stepCount: number
  neighborhoodCount: number
  itemCount: number
  doneCount: number
  progress: number
  steps: Step[]
  missingSteps: number
  canEdit: boolean
}

export type StateCounts = Record<StepState, number>

/** One neighborhood × step cell, as the domain computes it. */
export type Cell = MatrixCell

export type MatrixRow = {
  neighborhoodId: number
  name: string
  slug: string
  projectId: number | null
  cells: (Cell | null)[]
  counts: StateCounts
  disputed: number
}

export type Matrix = {
  programme: Omit<Programme, 'steps' | 'missingSteps'> & { canEdit: boolean }
  steps: Step[]
  rows: MatrixRow[]
  columns: { stepId: number; counts: StateCounts; disputed: number }[]
  totals: StateCounts
  now: number
}

export type Item = {
  id: number
  projectId: number
  neighborhoodId: number
  neighborhoodName: string
  neighborhoodSlug: string
  programmeId: number
  programmeName: string
  stepId: number
  title: string
  doneWhen: string
  evidenceKind: EvidenceKind
  public: boolean
  ownerUserId: number | null
  dueAt: number | null
  done: boolean
  doneAt: number | null
  state: StepState
  evidence: {
    note: string | null
    photoUrl: string | null
    number: number | null
    recordedBy: number | null
    recordedAt: number
  } | null
  confirmed: number
  disputed: number
  bySource: Record<'code' | 'volunteer' | 'paper', { confirmed: number; disputed: number }>
  publicPath: string
}

export type Confirmation = {
  id: number
  itemId: number
  verdict: 'confirmed' | 'disputed'
  source: 'code' | 'volunteer' | 'paper'
  people: number
  comment: string
  createdAt: number
}
