import type Database from 'better-sqlite3'
export function seedSqlite(
  sqlite: Database.Database,
  options?: {
    scale?: { topics: number; neighborhoods: number } | null
    now?: number
    log?: (line: string) => void
  },
): Promise<{ counts: Record<string, number> }>
