import { encode } from 'uqr'

export type QrOptions = {
  /** Error correction: M (15%) survives a scuffed stairwell poster; H for a logo overlay. */
  ecc?: 'L' | 'M' | 'Q' | 'H'
  /** Quiet-zone width in modules; scanners want 4. */
  margin?: number
  /** Accessible name of the image. */
  title?: string
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * A QR code as a standalone SVG document, one unit per module, dark runs merged into one path
 * (a URL's code is ~2 KB). Scales to any size with `width`/`height` or CSS.
 * @example c.body(qrSvg('https://example.org/s/rider'), 200, { 'Content-Type': 'image/svg+xml' })
 */
export const qrSvg = (text: string, options: QrOptions = {}): string => {
  const { ecc = 'M', margin = 4, title } = options
  const { size, data } = encode(text, { ecc, border: 0 })
  const full = size + margin * 2
  let d = ''
  for (let y = 0; y < size; y++) {
    let x = 0
    while (x < size) {
      if (!data[y][x]) {
        x++
        continue
      }
      const start = x
      while (x < size && data[y][x]) x++
      d += `M${start + margin} ${y + margin}h${x - start}v1h-${x - start}z`
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges" role="img">` +
    (title ? `<title>${escapeXml(title)}</title>` : '') +
    `<rect width="${full}" height="${full}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  )
}
