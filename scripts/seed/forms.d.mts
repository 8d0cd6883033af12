// Types of scripts/seed/forms.mjs for the TypeScript tests that check its data.
type Row = Record<string, unknown>
export declare const order: number
export declare const formsData: (now: number) => {
  forms: Row[]
  versions: { id: number; form_id: number; version: number; fields: unknown[] }[]
  responses: { id: number; form_id: number; version: number; answers: Record<string, unknown> }[]
}
export declare const seed: (ctx: { now: number }) => string[]
