import { strToU8, zipSync } from 'fflate'
import { type Column, columnValue, neutraliseCell } from './csv'

// A minimal OOXML workbook, one or more sheets, inline strings (no shared-string table), zipped
// with fflate. Strings are neutralised like CSV cells so a re-saved file stays safe. Cells may
// carry one of a few fills (`CellStyle`), e.g. to colour a matrix by state.

// Characters XML 1.0 forbids; a resident's text could hold them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching these control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

const xmlEscape = (text: string) =>
  text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export const columnLetter = (index: number): string => {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    out = String.fromCharCode(65 + rem) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

const cell = (ref: string, value: unknown, style = '') => {
  if (typeof value === 'number' && Number.isFinite(value))
    return `<c r="${ref}"${style}><v>${value}</v></c>`
  const text = neutraliseCell(value)
  if (text === '') return ''
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlEscape(text)}</t></is></c>`
}

// Wide (CJK) characters take about two character widths in Excel.
const displayWidth = (text: string) => {
  let w = 0
  for (const ch of text) w += ch.codePointAt(0)! > 0x2e80 ? 2 : 1
  return w
}

/** Excel forbids []:*?/\ in sheet names and allows at most 31 characters. */
const safeSheetName = (name: string) =>
  [...name.replace(/[[\]:*?/\\]/g, ' ')].slice(0, 31).join('') || 'Sheet1'

/** A cell fill: good (green), warn (amber), bad (red), muted (grey). */
export type CellStyle = 'good' | 'warn' | 'bad' | 'muted'

// Indexes into styles.xml's cellXfs: 0 plain, 1 bold (header row), then one per fill.
const STYLE_INDEX: Record<CellStyle, number> = { good: 2, warn: 3, bad: 4, muted: 5 }

const sheetXml = <T>(
  columns: Column<T>[],
  rows: T[],
  styleOf?: (row: T, key: string) => CellStyle | undefined,
) => {
  const widths = columns.map((col) => displayWidth(col.label))
  const body: string[] = []
  body.push(
    `<row r="1">${columns.map((col, i) => cell(`${columnLetter(i)}1`, col.label, ' s="1"')).join('')}</row>`,
  )
  rows.forEach((row, r) => {
    const n = r + 2
    const cells = columns.map((col, i) => {
      const value = columnValue(col, row)
      if (r < 200) widths[i] = Math.max(widths[i], displayWidth(neutraliseCell(value)))
      const style = styleOf?.(row, col.key)
      return cell(`${columnLetter(i)}${n}`, value, style ? ` s="${STYLE_INDEX[style]}"` : '')
    })
    body.push(`<row r="${n}">${cells.join('')}</row>`)
  })
  const cols = widths
    .map(
      (w, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${Math.min(Math.max(w + 2, 8), 60)}" customWidth="1"/>`,
    )
    .join('')
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${body.join('')}</sheetData></worksheet>`
  )
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

const contentTypes = (sheetCount: number) =>
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('') +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>'

const rootRels =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>'

const workbookRels = (sheetCount: number) =>
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('') +
  `<Relationship Id="rId${sheetCount + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
  '</Relationships>'

const workbook = (names: string[]) =>
  XML_HEAD +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  `<sheets>${names
    .map((name, i) => `<sheet name="${xmlEscape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`

// Style 1 = bold, for the header row; 2–5 the fills of CellStyle (good, warn, bad, muted).
const FILLS = ['C8E6C9', 'FFE0B2', 'FFCDD2', 'EEEEEE']
const styles =
  XML_HEAD +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  `<fills count="${2 + FILLS.length}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  FILLS.map(
    (rgb) =>
      `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/></patternFill></fill>`,
  ).join('') +
  '</fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${2 + FILLS.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  FILLS.map(
    (_, i) => `<xf numFmtId="0" fontId="0" fillId="${i + 2}" borderId="0" xfId="0" applyFill="1"/>`,
  ).join('') +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

/** One sheet of a workbook, rendered (see `xlsxSheet`). */
export type Sheet = { name: string; xml: string }

/**
 * A sheet for `toXlsxWorkbook`: a bold, frozen header row of labels, then one row per record;
 * `styleOf` may give a cell a fill.
 * @example xlsxSheet('汇总', [{ key: 'n', label: '数量' }], rows, (row, key) => (row.late ? 'bad' : undefined))
 */
export const xlsxSheet = <T>(
  name: string,
  columns: Column<T>[],
  rows: T[],
  styleOf?: (row: T, key: string) => CellStyle | undefined,
): Sheet => ({ name, xml: sheetXml(columns, rows, styleOf) })

/** Sheet names as Excel takes them: safe characters, at most 31, unique. */
const sheetNames = (sheets: Sheet[]) => {
  const taken = new Set<string>()
  return sheets.map((sheet, i) => {
    let name = safeSheetName(sheet.name)
    if (taken.has(name)) name = safeSheetName(`${[...name].slice(0, 27).join('')} (${i + 1})`)
    taken.add(name)
    return name
  })
}

/**
 * Sheets as one .xlsx workbook, in order.
 * @example const bytes = toXlsxWorkbook([xlsxSheet('议题', cols, topics), xlsxSheet('项目', cols2, projects)])
 */
export const toXlsxWorkbook = (sheets: Sheet[]): Uint8Array => {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(contentTypes(sheets.length)),
    '_rels/.rels': strToU8(rootRels),
    'xl/workbook.xml': strToU8(workbook(sheetNames(sheets))),
    'xl/_rels/workbook.xml.rels': strToU8(workbookRels(sheets.length)),
    'xl/styles.xml': strToU8(styles),
  }
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheet.xml)
  })
  return zipSync(files, { level: 6 })
}

/**
 * The rows as an .xlsx workbook with one sheet: a bold, frozen header row of labels, then one row
 * per record. Finite numbers are numeric cells; everything else is text.
 * @example const bytes = toXlsx([{ key: 'title', label: '标题' }], topics, '议题')
 */
export const toXlsx = <T>(columns: Column<T>[], rows: T[], sheetName = 'Sheet1'): Uint8Array =>
  toXlsxWorkbook([xlsxSheet(sheetName, columns, rows)])
