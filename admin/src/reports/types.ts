/** GET /api/reports/ledger (worker/api/reports/ledger.ts). */
export type Figure = {
  key: string
  label: string
  kind: 'count' | 'rate' | 'mean'
  value: number | null
  lastYear: number | null
  change: number | null
  changePct: number | null
}
export type Section = { key: string; title: string; figures: Figure[] }
export type Ledger = {
  scope: { kind: string; name: string; neighborhoodId: number | null; townId: number | null }
  period: { from: number; to: number }
  lastYear: { from: number; to: number }
  sections: Section[]
}
