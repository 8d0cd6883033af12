/// <reference types="vite/client" />
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import inventory from '../docs/privacy.md?raw'

// The data inventory (#17 point 7): every column whose name looks personal, as the migrations
// leave the schema, has its line in docs/privacy.md (purpose, retention, masking).

const files = import.meta.glob<string>('../migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** Column names that look like personal data. */
const PERSONAL =
  /(^|_)(name|username|phone|mobile|tel|id_?card|id_?number|identity|address|addr|birth|birthday|dob|email|openid|unionid|wechat|child|guardian|contact|user_agent|ip|voice|device|client_key|plate)(_|$)/

const stripComments = (sql: string) => sql.replace(/--[^\n]*/g, '')

/** The tables and columns the migrations leave, in order: creates, added columns, renames, drops. */
const schemaOf = (sources: string[]) => {
  const tables = new Map<string, Set<string>>()
  for (const source of sources) {
    const sql = stripComments(source)
    const statements = sql.split(';')
    for (const st of statements) {
      const create = st.match(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s*\(([\s\S]*)\)/i)
      if (create) {
        const columns = new Set<string>()
        let depth = 0
        let part = ''
        const parts: string[] = []
        for (const ch of create[2]!) {
          if (ch === '(') depth++
          if (ch === ')') depth--
          if (ch === ',' && depth === 0) {
            parts.push(part)
            part = ''
          } else part += ch
        }
        parts.push(part)
        for (const p of parts) {
          const name = p.trim().match(/^"?(\w+)"?/)?.[1]
          if (name && !/^(PRIMARY|UNIQUE|CHECK|FOREIGN|CONSTRAINT)$/i.test(name)) columns.add(name)
        }
        tables.set(create[1]!, columns)
        continue
      }
      const add = st.match(/ALTER\s+TABLE\s+(\w+)\s+ADD\s+(?:COLUMN\s+)?"?(\w+)"?/i)
      if (add) tables.get(add[1]!)?.add(add[2]!)
      const rename = st.match(/ALTER\s+TABLE\s+(\w+)\s+RENAME\s+TO\s+(\w+)/i)
      if (rename) {
        tables.set(rename[2]!, tables.get(rename[1]!)!)
        tables.delete(rename[1]!)
      }
      const drop = st.match(/DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(\w+)/i)
      if (drop) tables.delete(drop[1]!)
    }
  }
  return tables
}

const ordered = Object.entries(files)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([, text]) => text)

describe('docs/privacy.md lists every personal-looking column', () => {
  const schema = schemaOf(ordered)

  it('reads the schema the migrations leave (checked against the database itself)', async () => {
    const { results } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
    ).all<{ name: string }>()
    expect([...schema.keys()].sort()).toEqual(results.map((r) => r.name).sort())
    for (const table of ['registrations', 'supports', 'evaluations']) {
      const { results: cols } = await env.DB.prepare(`PRAGMA table_info(${table})`).all<{
        name: string
      }>()
      expect([...schema.get(table)!].sort(), table).toEqual(cols.map((c) => c.name).sort())
    }
  })

  it('has a line for each', () => {
    const flagged = [...schema].flatMap(([t, cols]) =>
      [...cols].filter((c) => PERSONAL.test(c)).map((c) => `${t}.${c}`),
    )
    expect(flagged).toContain('registrations.child_name')
    expect(flagged.length).toBeGreaterThan(30)
    expect(inventory).toContain('`topics.submitter_phone`')
    const missing: string[] = []
    for (const [table, columns] of schema)
      for (const column of columns)
        if (PERSONAL.test(column) && !inventory.includes(`\`${table}.${column}\``))
          missing.push(`${table}.${column}`)
    expect(missing, 'add these to docs/privacy.md (purpose, retention, masking)').toEqual([])
  })

  it('would catch a new one', () => {
    const added = schemaOf([...ordered, 'ALTER TABLE topics ADD COLUMN submitter_id_number TEXT;'])
    expect(PERSONAL.test('submitter_id_number')).toBe(true)
    expect(added.get('topics')!.has('submitter_id_number')).toBe(true)
    expect(inventory.includes('`topics.submitter_id_number`')).toBe(false)
    for (const name of ['home_address', 'birth_date', 'guardian_phone', 'email', 'wechat_openid'])
      expect(PERSONAL.test(name), name).toBe(true)
    for (const name of ['description', 'receipt', 'status', 'for_children'])
      expect(PERSONAL.test(name), name).toBe(false)
  })
})
