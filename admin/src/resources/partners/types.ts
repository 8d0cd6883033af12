import type { OfferKind, PartnerKind } from '@domain/vocabulary'

/** A partner (共建单位) as GET /api/partners answers it. */
export type Partner = {
  id: number
  townId: number
  neighborhoodId: number | null
  kind: PartnerKind
  name: string
  contactName: string
  contactPhone: string | null
  note: string
  active: boolean
  offerCount: number
  offerKinds: OfferKind[]
  acceptedCount: number
  pendingCount: number
  loginCount: number
  writable: boolean
}

/** An offer of the 资源清单. */
export type Offer = {
  id: number
  partnerId: number
  kind: OfferKind
  title: string
  quantity: string
  availability: string
  categoryIds: number[]
  active: boolean
  writable: boolean
}

/** A partner's own login (role partner). */
export type PartnerLogin = {
  id: number
  username: string
  displayName: string
  disabled: boolean
  createdAt: number
}

/** One partner matched to a project (GET /api/partners/matches). */
export type Match = {
  id: number
  partnerId: number
  name: string
  kind: PartnerKind
  score: number
  kindHits: OfferKind[]
  categoryIds?: number[]
  categoryHits: number[]
  local: boolean
  acceptedClaims: number
  offers: Pick<Offer, 'id' | 'kind' | 'title' | 'quantity' | 'availability'>[]
  liveClaim: 'pending' | 'accepted' | null
}

export type Matches = { projectId: number; neededKinds: OfferKind[]; matches: Match[] }
