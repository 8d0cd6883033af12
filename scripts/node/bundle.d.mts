export const OUT_DIR: string
export const BUNDLE: string
export function buildNodeBundle(options?: {
  minify?: boolean
}): Promise<{ file: string; bytes: number; inputs: number }>
export function buildThreadScript(options?: { minify?: boolean }): Promise<string>
