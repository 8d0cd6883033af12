import type { OfferKind, PartnerKind } from '../vocabulary'

// Matching: when a project is adopted, which partners could take it on, best first. The rules:
// 1. Candidates are the active partners of the project's town with at least one active offer.
// 2. An offer matches when its kind is one the project (or one of its tasks) asks for, or when
//    it suits one of the categories of the project's topics.
// 3. Score = 3 × the asked-for kinds the partner's matching offers cover
//          + 2 × the project's categories they suit
//          + 1 when the partner is of the project's own neighborhood.
// 4. A partner with no matching offer is left out. Best first: score, then more accepted claims
//    (a track record), then the name, so the order is stable.

export type MatchOffer = {
  id: number
  kind: OfferKind
  title: string
  quantity: string
  availability: string
  categoryIds: number[]
}

export type MatchPartner = {
  id: number
  name: string
  kind: PartnerKind
  neighborhoodId: number | null
  offers: MatchOffer[]
  /** Claims of this partner staff accepted so far (any project). */
  acceptedClaims: number
}

/** What matching looks at in a project: where it is, its topics' categories, what it asks for. */
export type MatchProject = {
  neighborhoodId: number
  categoryIds: number[]
  neededKinds: OfferKind[]
}

export type Match = {
  partnerId: number
  name: string
  kind: PartnerKind
  score: number
  /** Asked-for kinds the partner covers, in the order asked. */
  kindHits: OfferKind[]
  /** Project categories the partner's offers suit. */
  categoryHits: number[]
  local: boolean
  acceptedClaims: number
  /** The offers that matched (rule 2). */
  offers: MatchOffer[]
}

/** Rule 3's weights. */
export const MATCH_WEIGHTS = { kind: 3, category: 2, local: 1 } as const

/**
 * One partner scored against a project; `null` when none of its offers match (rule 4).
 * @example scorePartner(project, partner)?.score // 5
 */
export const scorePartner = (project: MatchProject, partner: MatchPartner): Match | null => {
  const needed = new Set(project.neededKinds)
  const categories = new Set(project.categoryIds)
  const offers = partner.offers.filter(
    (o) => needed.has(o.kind) || o.categoryIds.some((id) => categories.has(id)),
  )
  if (!offers.length) return null
  const kinds = new Set(offers.map((o) => o.kind))
  const suited = new Set(offers.flatMap((o) => o.categoryIds))
  const kindHits = [...needed].filter((k) => kinds.has(k))
  const categoryHits = [...categories].filter((id) => suited.has(id))
  const local = partner.neighborhoodId === project.neighborhoodId
  return {
    partnerId: partner.id,
    name: partner.name,
    kind: partner.kind,
    score:
      MATCH_WEIGHTS.kind * kindHits.length +
      MATCH_WEIGHTS.category * categoryHits.length +
      (local ? MATCH_WEIGHTS.local : 0),
    kindHits,
    categoryHits,
    local,
    acceptedClaims: partner.acceptedClaims,
    offers,
  }
}

/** Rule 4's order. */
export const compareMatches = (a: Match, b: Match) =>
  b.score - a.score ||
  b.acceptedClaims - a.acceptedClaims ||
  a.name.localeCompare(b.name, 'zh-Hans-CN') ||
  a.partnerId - b.partnerId

/**
 * The partners whose offers match the project, best first (rules 2–4). The caller passes the
 * candidates of rule 1.
 * @example matchPartners({ neighborhoodId: 1, categoryIds: [8], neededKinds: ['service'] }, partners)
 */
export const matchPartners = (project: MatchProject, partners: MatchPartner[]): Match[] =>
  partners
    .map((p) => scorePartner(project, p))
    .filter((m): m is Match => m !== null)
    .sort(compareMatches)
