import type Database from 'better-sqlite3'
export function seedSqlite(
  sqlite: Database.Database,
  options?: {
    scale?: { topics: number; neighborhoods: number } | null
    now?: number
    log?: (line: string) => void
  },
): Promise<{ counts: Record<string, number> }>
export const DEMO_PASSWORD: string
export const CHANNELS: {
  id: number
  neighborhoodId: number
  kind: string
  code: string
  label: string
}[]
