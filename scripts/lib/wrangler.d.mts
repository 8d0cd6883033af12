export const ROOT: string
export const WRANGLER_BIN: string
export function wranglerEnv(extra?: Record<string, string>): NodeJS.ProcessEnv
export function runWrangler(
  args: string[],
  options?: { echo?: boolean },
): Promise<{ stdout: string; stderr: string }>
export function applyMigrations(options?: {
  persistTo?: string
  echo?: boolean
}): Promise<{ stdout: string; stderr: string }>
export function executeFile(
  file: string,
  options?: { persistTo?: string; echo?: boolean },
): Promise<{ stdout: string; stderr: string }>
export function querySql<Row = Record<string, unknown>>(
  sql: string,
  options?: { persistTo?: string },
): Promise<{ results: Row[]; success: boolean; meta: Record<string, unknown> }[]>
