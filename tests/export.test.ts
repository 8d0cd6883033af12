import { Hono } from 'hono'
import type { AppEnv } from '../worker/env'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { type Column, neutraliseCell, toCsv } from '../worker/lib/csv'
import { columnLetter, toXlsx } from '../worker/lib/xlsx'
import { contentDisposition, sendExport, shanghaiTime } from '../worker/lib/export'

type Row = { id: number; title: string; note: string | null }
const columns: Column<Row>[] = [
  { key: 'id', label: '编号' },
  { key: 'title', label: '标题' },
  { key: 'note', label: '备注', value: (r) => r.note ?? '无' },
]

describe('neutraliseCell', () => {
  it('prefixes an apostrophe to text starting with = + - @ TAB or CR', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(neutraliseCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`)
    expect(neutraliseCell('电梯=坏了')).toBe('电梯=坏了')
  })

  it('leaves numbers alone and turns null into an empty cell', () => {
    expect(neutraliseCell(-5)).toBe('-5')
    expect(neutraliseCell(null)).toBe('')
    expect(neutraliseCell([1, 2])).toBe('1, 2')
  })
})

describe('toCsv', () => {
  it('starts with the UTF-8 BOM, uses CRLF and keeps Chinese', () => {
    const csv = toCsv(columns, [{ id: 1, title: '加装电梯', note: null }])
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toBe('\uFEFF编号,标题,备注\r\n1,加装电梯,无\r\n')
  })

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    const csv = toCsv(columns, [{ id: 2, title: '他说"好",行', note: '第一行\n第二行' }])
    expect(csv.split('\r\n')[1]).toBe('2,"他说""好"",行","第一行\n第二行"')
  })

  it('neutralises formula cells, including the header', () => {
    const csv = toCsv(
      [{ key: 'a', label: '=cmd' }],
      [{ a: '=HYPERLINK("http://x","点我")' }, { a: '@SUM(1)' }],
    )
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0]).toBe("'=cmd")
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`)
    expect(lines[2]).toBe("'@SUM(1)")
  })
})

describe('toXlsx', () => {
  const unzipSheet = (bytes: Uint8Array) => {
    const files = unzipSync(bytes)
    return { files, sheet: strFromU8(files['xl/worksheets/sheet1.xml']) }
  }

  it('is a zip with the OOXML parts and the rows as cells', () => {
    const bytes = toXlsx(
      columns,
      [
        { id: 7, title: '楼道灯<坏>&', note: '=1+1' },
        { id: 8, title: '垃圾分类', note: null },
      ],
      '议题',
    )
    const { files, sheet } = unzipSheet(bytes)
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ])
    expect(strFromU8(files['xl/workbook.xml'])).toContain('<sheet name="议题"')
    const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map((m) => m[2])
    expect(rows).toHaveLength(3)
    expect(rows[0]).toContain(
      '<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">编号</t></is></c>',
    )
    expect(rows[1]).toContain('<c r="A2"><v>7</v></c>')
    expect(rows[1]).toContain('<t xml:space="preserve">楼道灯&lt;坏&gt;&amp;</t>')
    expect(rows[1]).toContain(
      `<c r="C2" t="inlineStr"><is><t xml:space="preserve">'=1+1</t></is></c>`,
    )
    expect(rows[2]).toContain('<c r="C3" t="inlineStr"><is><t xml:space="preserve">无</t></is></c>')
  })

  it('drops characters XML cannot hold and cleans the sheet name', () => {
    const bytes = toXlsx([{ key: 'a', label: 'A' }], [{ a: 'a\u0001b' }], 'x/y:z[1]')
    const { files, sheet } = unzipSheet(bytes)
    expect(sheet).toContain('>ab</t>')
    expect(strFromU8(files['xl/workbook.xml'])).toContain('<sheet name="x y z 1 "')
  })

  it('names columns past Z like Excel', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA'])
  })
})

describe('sendExport', () => {
  // No phone column: nothing to audit, so no signed-in user is needed.
  const app = new Hono<AppEnv>().get('/x/:format', (c) =>
    sendExport(c, {
      format: c.req.param('format') as 'csv' | 'xlsx',
      filename: '议题导出 2026',
      columns,
      rows: [{ id: 1, title: '加装电梯', note: null }],
      resource: 'topics',
    }),
  )

  it('sends CSV with its type and an RFC 5987 filename', async () => {
    const res = await app.request('/x/csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="2026.csv"; filename*=UTF-8''%E8%AE%AE%E9%A2%98%E5%AF%BC%E5%87%BA%202026.csv`,
    )
    expect(res.headers.get('cache-control')).toBe('no-store')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })

  it('sends XLSX that unzips', async () => {
    const res = await app.request('/x/xlsx')
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
    expect(strFromU8(files['xl/worksheets/sheet1.xml'])).toContain('加装电梯')
  })

  it('falls back to export.<ext> when the name has no ASCII letters', () => {
    expect(contentDisposition("议题(全部)'.xlsx")).toBe(
      `attachment; filename="export.xlsx"; filename*=UTF-8''%E8%AE%AE%E9%A2%98%28%E5%85%A8%E9%83%A8%29%27.xlsx`,
    )
  })

  it('formats times in Asia/Shanghai', () => {
    expect(shanghaiTime(Date.UTC(2026, 0, 1, 16, 30))).toBe('2026-01-02 00:30')
    expect(shanghaiTime(null)).toBe('')
  })
})
