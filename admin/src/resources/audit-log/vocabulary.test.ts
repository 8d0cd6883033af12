import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTION_LABEL, AUDIT_RESOURCE_LABEL } from '@domain/vocabulary'

// Every action kind and resource the worker writes to the audit log has a name in the
// vocabulary, so the audit screen never shows a raw `merge_in`. The worker's writes are typed
// (`AuditAction`); this reads the worker's source as well, so a kind written as SQL text, or a
// resource given as a literal, cannot slip past.

const root = new URL('../../../../worker', import.meta.url).pathname
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return files(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
const sources = files(root).map((path) => ({ path, text: readFileSync(path, 'utf8') }))
const writers = sources.filter((s) => /audit\(|auditCreate\(|INSERT INTO audit_log/.test(s.text))

const all = (re: RegExp, text: string, groups = [1]) =>
  [...text.matchAll(re)].flatMap((m) => groups.map((g) => m[g]).filter(Boolean))

describe('audit vocabulary', () => {
  it('finds the writers (the scan is looking in the right place)', () => {
    expect(writers.length).toBeGreaterThan(20)
    expect(writers.some((s) => s.text.includes("'merge_in' satisfies AuditAction"))).toBe(true)
  })

  it('names every action kind written anywhere', () => {
    const kinds = new Set<string>()
    for (const { text } of writers) {
      for (const k of all(/action:\s*'([^']+)'/g, text)) kinds.add(k)
      for (const k of all(/action:\s*[^,\n]*?\?\s*'([^']+)'\s*:\s*'([^']+)'/g, text, [1, 2]))
        kinds.add(k)
      for (const k of all(/'([a-z_-]+)' satisfies AuditAction/g, text)) kinds.add(k)
      for (const k of all(/action:\s*'([^']+)'\s*\|\s*'([^']+)'/g, text, [1, 2])) kinds.add(k)
    }
    // Maps from a state to the action it logs (e.g. claims: accepted → accept).
    for (const { text } of writers)
      for (const map of all(/const ACTIONS = \{([^}]*)\}/g, text))
        for (const k of all(/:\s*'([^']+)'/g, map)) kinds.add(k)
    expect(kinds.size).toBeGreaterThan(20)
    const missing = [...kinds].filter((k) => !(k in AUDIT_ACTION_LABEL))
    expect(missing).toEqual([])
  })

  it('writes no action kind as bare SQL text (it would escape the type check)', () => {
    for (const { path, text } of writers)
      for (const m of text.matchAll(
        /INSERT INTO audit_log \(at, user_id, action[^)]*\)\s*(?:VALUES \(|SELECT )\s*\$\{[^}]*\},\s*\$\{[^}]*\},\s*([^,]+),/g,
      ))
        expect(m[1].trim(), path).toMatch(/^\$\{/)
  })

  it('names every resource written as a literal', () => {
    const resources = new Set<string>()
    for (const { text } of writers) {
      for (const r of all(/resource:\s*'([^']+)'/g, text)) resources.add(r)
      for (const r of all(/auditCreate\([^,]+,[^,]+,\s*'([^']+)'/g, text)) resources.add(r)
      for (const r of all(/satisfies AuditAction\},\s*'([^']+)'/g, text)) resources.add(r)
    }
    expect(resources.size).toBeGreaterThan(15)
    expect([...resources].filter((r) => !(r in AUDIT_RESOURCE_LABEL))).toEqual([])
  })

  it('has both languages for every kind', () => {
    for (const label of [
      ...Object.values(AUDIT_ACTION_LABEL),
      ...Object.values(AUDIT_RESOURCE_LABEL),
    ]) {
      expect(label.zh).toMatch(/\p{Script=Han}/u)
      expect(label.en).toMatch(/^[A-Z]/)
    }
  })
})
