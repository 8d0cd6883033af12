import type { PartnerTotals } from '@domain/partners/reports'
import type { ClaimStatus, OfferKind, PartnerKind, ProjectStatus } from '@domain/vocabulary'

/** A claim (认领) as GET /api/claims answers it. */
export type Claim = {
  id: number
  projectId: number
  projectTitle: string
  projectStatus: ProjectStatus
  checklistItemId: number | null
  taskTitle: string | null
  taskDone: boolean | null
  neighborhoodId: number
  neighborhoodName: string
  partnerId: number | null
  partnerName: string | null
  partnerKind: PartnerKind | null
  volunteerId: number | null
  volunteerName: string | null
  claimant: string
  status: ClaimStatus
  personName: string
  offerId: number | null
  offerTitle: string | null
  message: string
  decisionNote: string | null
  source: 'partner' | 'staff'
  createdAt: number
  decidedAt: number | null
  moves: ClaimStatus[]
}

export type Claimant = { partnerName: string | null; volunteerName: string | null }

/** A project of the 需求清单 (GET /api/help-wanted). */
export type HelpWanted = {
  id: number
  title: string
  status: ProjectStatus
  deadlineAt: number | null
  neighborhoodId: number
  neighborhoodName: string
  neighborhoodSlug: string
  townId: number
  categoryIds: number[]
  kinds: OfferKind[]
  note: string
  looking: boolean
  claimants: Claimant[]
  tasks: { id: number; title: string; dueAt: number | null; kinds: OfferKind[]; note: string }[]
  mine: { id: number; checklistItemId: number | null; status: 'pending' | 'accepted' }[]
}

/** A project a partner joined (GET /api/partner-projects). */
export type JoinedProject = {
  id: number
  title: string
  status: ProjectStatus
  neighborhoodName: string
  owningBody: string
  deadlineAt: number | null
  checklistTotal: number
  checklistDone: number
  progress: number
  joinedAt: number
  hands: (Claimant & {
    claimId: number
    checklistItemId: number | null
    taskTitle: string | null
    partnerId: number | null
  })[]
  mine: JoinedProject['hands']
  checklist?: { id: number; title: string; done: boolean; dueAt: number | null }[]
  updates?: { id: number; at: number; body: string }[]
}

/** GET /api/reports/partners. */
export type PartnerReport = {
  totals: PartnerTotals
  sentence: string
  byPartner: {
    partnerId: number
    name: string
    kind: PartnerKind
    claims: number
    accepted: number
    pending: number
    projects: number
    tasks: number
    activities: number
  }[]
  byLead: {
    volunteerId: number
    name: string
    claims: number
    accepted: number
    projects: number
    activities: number
  }[]
}
