import { describe, expect, it } from 'vitest'
import * as vocabulary from '@domain/vocabulary'
import theme from './theme'

// WCAG 2 contrast of two #rrggbb colours.
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/** The backgrounds status colours meet: white (cards, grid, chips' text) and the page. */
const BACKGROUNDS = ['#ffffff', '#fafafb']
/** react-admin's form toolbar (grey[300]), where the delete button's text is the error colour. */
const TOOLBAR = '#e0e0e0'

describe('the admin colours (axe: colour contrast of chips and buttons)', () => {
  it('reads at 4.5:1 or more, each chip colour on every background and under white text', () => {
    for (const [name, hex] of Object.entries(vocabulary.CHIP_HEX))
      for (const bg of BACKGROUNDS)
        expect(contrast(hex, bg), `${name} ${hex} on ${bg}`).toBeGreaterThanOrEqual(4.5)
    expect(contrast(vocabulary.CHIP_HEX.error, TOOLBAR)).toBeGreaterThanOrEqual(4.5)
  })

  it('uses only such colours for every status of the vocabulary', () => {
    const looks = Object.entries(vocabulary).filter(([name]) => name.endsWith('_LOOK'))
    expect(looks.length).toBeGreaterThanOrEqual(5)
    for (const [name, table] of looks)
      for (const [status, look] of Object.entries(table as Record<string, vocabulary.Look>))
        expect(
          contrast(look.hex, '#ffffff'),
          `${name}.${status} ${look.hex}`,
        ).toBeGreaterThanOrEqual(4.5)
  })

  it("is the theme's palette, so a chip of a status has the status's colour", () => {
    const palette = theme.palette as Record<string, { main?: string }>
    for (const name of ['primary', 'secondary', 'error', 'warning', 'info', 'success'] as const)
      expect(palette[name]?.main, name).toBe(vocabulary.CHIP_HEX[name])
  })
})
