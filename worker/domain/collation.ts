// Names staff number by hand sort as people count, not as code points:
// 1. A run of digits (ASCII or full-width) is a number: 2号楼 before 10号楼.
// 2. A run of Chinese numerals is a number too: 第二楼组 before 第十楼组 (一 … 九, 十, 百, 千,
//    零 / 〇, 两), so 第一、第二、第三 … 第九、第十、第十一 in that order.
// 3. At the same place, a number sorts before text: 1号楼 before A座.
// 4. Text runs compare as Chinese readers expect (pinyin order, Intl.Collator 'zh').
// 5. Names equal by these rules keep a stable order by their code points.

const DIGIT = '0123456789'
const FULL_WIDTH_ZERO = 0xff10
const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const CN_NUMERAL = /^[零〇一二两三四五六七八九十百千]$/

const digitOf = (ch: string) => {
  const i = DIGIT.indexOf(ch)
  if (i >= 0) return i
  const code = ch.charCodeAt(0) - FULL_WIDTH_ZERO
  return code >= 0 && code <= 9 && ch.length === 1 ? code : -1
}

/** The value of a run of Chinese numerals below 10,000 (十一 → 11, 一百零五 → 105, 二〇 → 20). */
const chineseValue = (run: string) => {
  let total = 0
  let digit = -1
  let positional = true
  for (const ch of run) if (ch in CN_UNITS) positional = false
  if (positional) {
    // 二〇二六 read digit by digit
    for (const ch of run) total = total * 10 + CN_DIGITS[ch]
    return total
  }
  for (const ch of run) {
    const unit = CN_UNITS[ch]
    if (unit === undefined) digit = CN_DIGITS[ch]
    else {
      total += (digit < 0 ? 1 : digit) * unit
      digit = -1
    }
  }
  return total + Math.max(digit, 0)
}

type Part = { num: number } | { text: string }

/** A name cut into number and text runs (rules 1 and 2). */
const partsOf = (name: string): Part[] => {
  const parts: Part[] = []
  const chars = [...name]
  let i = 0
  while (i < chars.length) {
    if (digitOf(chars[i]) >= 0) {
      let n = 0
      while (i < chars.length && digitOf(chars[i]) >= 0) n = n * 10 + digitOf(chars[i++])
      parts.push({ num: n })
    } else if (CN_NUMERAL.test(chars[i])) {
      let run = ''
      while (i < chars.length && CN_NUMERAL.test(chars[i])) run += chars[i++]
      parts.push({ num: chineseValue(run) })
    } else {
      let text = ''
      while (i < chars.length && digitOf(chars[i]) < 0 && !CN_NUMERAL.test(chars[i]))
        text += chars[i++]
      parts.push({ text })
    }
  }
  return parts
}

const textOrder = new Intl.Collator('zh', { sensitivity: 'base' })

/**
 * Compares two names in natural order (rules at the top of this file), for `Array.sort`.
 * @example ['第十楼组', '第二楼组', '第一楼组'].sort(naturalCompare) // 第一楼组, 第二楼组, 第十楼组
 */
export const naturalCompare = (a: string, b: string): number => {
  const pa = partsOf(a)
  const pb = partsOf(b)
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if ('num' in x && 'num' in y) {
      if (x.num !== y.num) return x.num - y.num
    } else if ('num' in x) return -1
    else if ('num' in y) return 1
    else {
      const c = textOrder.compare(x.text, y.text)
      if (c !== 0) return c
    }
  }
  if (pa.length !== pb.length) return pa.length - pb.length
  return a < b ? -1 : a > b ? 1 : 0
}
