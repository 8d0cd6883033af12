export type Scale = { topics?: number; neighborhoods?: number }
export function loadSeedModules(): Promise<
  { name: string; order: number; seed: (ctx: unknown) => string[] | Promise<string[]> }[]
>
export function buildSeedSql(options?: {
  now?: number
  scale?: Scale | null
}): Promise<{ sql: string; counts: Record<string, number> }>
export function seedLocal(options?: {
  persistTo?: string
  scale?: Scale | null
  now?: number
  log?: (line: string) => void
}): Promise<{ file: string; counts: Record<string, number> }>
