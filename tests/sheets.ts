import { strFromU8, unzipSync } from 'fflate'

// Reading exports back the way a spreadsheet would: a CSV (RFC 4180) or an .xlsx sheet, as one
// record per row keyed by the header row's labels, so a test compares columns by header name.

/** Rows of cells of a CSV text (BOM dropped, quoted fields with commas, quotes and line breaks). */
export const parseCsv = (text: string): string[][] => {
  const src = text.replace(/^\uFEFF/, '')
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && src[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  if (cell || row.length) rows.push([...row, cell])
  return rows
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')

/** Every sheet of an .xlsx as rows of cell texts (missing cells are ''), by sheet name. */
export const readSheets = (bytes: ArrayBuffer | Uint8Array): Record<string, string[][]> => {
  const files = unzipSync(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes))
  const names = [...strFromU8(files['xl/workbook.xml']).matchAll(/<sheet name="([^"]*)"/g)].map(
    (m) => unescapeXml(m[1]),
  )
  const out: Record<string, string[][]> = {}
  names.forEach((name, i) => {
    const xml = strFromU8(files[`xl/worksheets/sheet${i + 1}.xml`])
    out[name] = [...xml.matchAll(/<row r="\d+">(.*?)<\/row>/gs)].map((row) => {
      const cells: string[] = []
      for (const m of row[1].matchAll(
        /<c r="([A-Z]+)\d+"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/gs,
      )) {
        let index = 0
        for (const ch of m[1]) index = index * 26 + ch.charCodeAt(0) - 64
        cells[index - 1] = m[2] ?? unescapeXml(m[3] ?? '')
      }
      return Array.from(cells, (c) => c ?? '')
    })
  })
  return out
}

/** Rows of cells as records keyed by the first row's labels (a header must not repeat). */
export const byHeader = (rows: string[][]): Record<string, string>[] => {
  const [header, ...body] = rows
  if (new Set(header).size !== header.length) throw new Error(`repeated header: ${header}`)
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])))
}

/** A CSV export as records by header. */
export const csvRecords = (text: string) => byHeader(parseCsv(text))

/** One sheet (default: the first) of an .xlsx export as records by header. */
export const xlsxRecords = (bytes: ArrayBuffer | Uint8Array, sheet?: string) => {
  const sheets = readSheets(bytes)
  return byHeader(sheets[sheet ?? Object.keys(sheets)[0]])
}
