export type Scale = { topics?: number; neighborhoods?: number }
export function loadSeedModules(): Promise<
  {
    name: string
    order: number
    seed: (
      ctx: unknown,
    ) =>
      | Iterable<string>
      | AsyncIterable<string>
      | Promise<Iterable<string> | AsyncIterable<string>>
  }[]
>
export function seedLocal(options?: {
  persistTo?: string
  scale?: Scale | null
  now?: number
  log?: (line: string) => void
}): Promise<{ file: string; files: string[]; counts: Record<string, number> }>
export function seedStatements(
  options?: { now?: number; scale?: Scale | null },
  counts?: Record<string, number>,
): AsyncGenerator<string>
export function describeCounts(counts: Record<string, number>): string
