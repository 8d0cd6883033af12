// Short codes residents read aloud or type: no look-alike characters (0/O, 1/I/L).
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const LOWER = 'abcdefghjkmnpqrstuvwxyz23456789'

const pick = (alphabet: string, n: number) => {
  // 248 is the largest multiple of 31 below 256: rejecting above it keeps the choice uniform.
  const out: string[] = []
  while (out.length < n)
    for (const b of crypto.getRandomValues(new Uint8Array(n * 2)))
      if (b < 248 && out.length < n) out.push(alphabet[b % alphabet.length])
  return out.join('')
}

/**
 * A response's receipt number, e.g. `K7QM-4XD2` (40 bits; unique index in the database).
 * @example newReceipt() // 'K7QM-4XD2'
 */
export const newReceipt = () => {
  const code = pick(ALPHABET, 8)
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

/** A random public slug for a form that was not given one, e.g. `s-k7qm4x`. */
export const newSlug = () => `s-${pick(LOWER, 6)}`

/** Words of a survey title and the English that makes its address readable. */
const TITLE_WORDS: [string, string][] = [
  ['加装电梯', 'elevator'],
  ['电梯', 'elevator'],
  ['垃圾分类', 'waste'],
  ['垃圾', 'waste'],
  ['停车', 'parking'],
  ['充电', 'charging'],
  ['驿站', 'station'],
  ['绿化', 'greening'],
  ['暑托', 'summer-care'],
  ['老人', 'elderly'],
  ['养老', 'elderly'],
  ['助餐', 'meals'],
  ['儿童', 'kids'],
  ['亲子', 'family'],
  ['志愿', 'volunteer'],
  ['健康', 'health'],
  ['安全', 'safety'],
  ['消防', 'fire-safety'],
  ['环境', 'environment'],
  ['卫生', 'hygiene'],
  ['物业', 'property'],
  ['议事', 'council'],
  ['活动', 'event'],
  ['报名', 'signup'],
  ['满意度', 'satisfaction'],
  ['意见', 'feedback'],
  ['建议', 'ideas'],
  ['需求', 'needs'],
  ['意愿', 'wishes'],
  ['调查', 'survey'],
  ['问卷', 'survey'],
]

/**
 * A readable default address for a survey from its title: its latin words and digits, else the
 * English of the civic words it holds (in their order), else `survey`, with the year and month so
 * a yearly survey gets a new one. Staff may change it; the server checks it is free.
 * @example slugFromTitle('加装电梯意愿调查', Date.UTC(2026, 11, 5)) // 'elevator-wishes-survey-2612'
 */
export const slugFromTitle = (title: string, now = Date.now()) => {
  const latin = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  const words: string[] = []
  let rest = title
  for (const [zh, en] of TITLE_WORDS)
    if (rest.includes(zh)) {
      words.push(`${rest.indexOf(zh)}:${en}`)
      rest = rest.replaceAll(zh, ' '.repeat(zh.length))
    }
  const civic = [
    ...new Set(
      words
        .map((w) => w.split(':') as [string, string])
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([, en]) => en),
    ),
  ]
  const base = (latin.length >= 3 ? latin : civic.join('-') || 'survey').slice(0, 32)
  const month = new Date(now + 8 * 3_600_000).toISOString().slice(2, 7).replace('-', '')
  return `${base.replace(/-+$/, '')}-${month}`
}
