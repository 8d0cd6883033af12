// Statements for tests/node/d1-shim.test.ts: each step runs once on real D1 (workerd, through
// miniflare) and once on the shim (server/d1.ts), in this order, on databases that start empty;
// the test compares what each answered. `expect` says whether D1 answers or throws, so a step
// that fails on both for a silly reason (a typo) is caught too.

export type Step = {
  name: string
  expect: 'ok' | 'error'
  run: (db: D1Database) => Promise<unknown>
}

const ok = (name: string, run: Step['run']): Step => ({ name, expect: 'ok', run })
const error = (name: string, run: Step['run']): Step => ({ name, expect: 'error', run })

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ')

/** A deterministic pseudo-random generator (mulberry32). */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const PATTERN_CHARS = [
  'a',
  'A',
  'b',
  'z',
  '%',
  '_',
  '\\',
  '*',
  '?',
  '[',
  ']',
  '^',
  '-',
  '楼',
  '道',
  'é',
  'É',
  '1',
  '.',
]
const VALUE_CHARS = [
  'a',
  'A',
  'b',
  'z',
  '%',
  '_',
  '\\',
  '*',
  '?',
  '[',
  ']',
  '^',
  '-',
  '楼',
  '道',
  'é',
  'É',
  '1',
  '.',
  '\n',
]

/** `count` random (pattern, value) pairs from characters LIKE and GLOB treat specially. */
export const patternPairs = (count: number, seed = 18) => {
  const next = random(seed)
  const text = (chars: string[], max: number) =>
    Array.from(
      { length: Math.floor(next() * max) },
      () => chars[Math.floor(next() * chars.length)],
    ).join('')
  return Array.from({ length: count }, () => {
    const value = text(VALUE_CHARS, 8)
    // Half the patterns are made from the value, so that matches are common.
    const pattern =
      next() < 0.5
        ? [...value]
            .map((ch) => (next() < 0.3 ? PATTERN_CHARS[Math.floor(next() * 6) + 4] : ch))
            .join('')
        : text(PATTERN_CHARS, 8)
    return [pattern, value] as const
  })
}

export const STEPS: Step[] = [
  // ── schema, through exec (one statement per line, as D1 wants it) ──
  ok('exec: tables, an index and a trigger, one per line', (db) =>
    db.exec(
      [
        'CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, age INTEGER CHECK (age >= 0), score REAL, photo BLOB, note TEXT)',
        '',
        '  -- an indented comment line is skipped',
        'CREATE TABLE pets (id INTEGER PRIMARY KEY AUTOINCREMENT, owner_id INTEGER NOT NULL REFERENCES people(id), name TEXT)',
        'CREATE TABLE log (what TEXT)',
        'CREATE INDEX pets_owner ON pets (owner_id)',
        "CREATE TRIGGER pets_log AFTER INSERT ON pets BEGIN INSERT INTO log VALUES ('pet ' || new.name); END",
      ].join('\n'),
    ),
  ),
  ok('exec: two statements on one line', (db) =>
    db.exec("INSERT INTO log VALUES ('one'); INSERT INTO log VALUES ('two')"),
  ),
  error('exec: a statement over two lines fails (D1 splits on newlines)', (db) =>
    db.exec("INSERT INTO log\nVALUES ('three')"),
  ),
  error('exec: an error rolls back every line', (db) =>
    db.exec("INSERT INTO log VALUES ('kept?')\nINSERT INTO nowhere VALUES (1)"),
  ),
  ok('exec: nothing of the failed exec is left', (db) =>
    db.prepare("SELECT count(*) AS n FROM log WHERE what = 'kept?'").first('n'),
  ),
  error('exec: blank input', (db) => db.exec('  \n  ')),

  // ── writes and their meta ──
  ok('run: insert, meta (changes, last_row_id, changed_db)', (db) =>
    db
      .prepare('INSERT INTO people (name, age, score, note) VALUES (?, ?, ?, ?)')
      .bind('阿芳', 67, 4.5, null)
      .run(),
  ),
  ok('run: insert with RETURNING gives the row', (db) =>
    db
      .prepare(
        'INSERT INTO people (name, age, score) VALUES (?, ?, ?) RETURNING id, name, age, score',
      )
      .bind('老王', 71, 3)
      .run(),
  ),
  ok('first: insert with RETURNING', (db) =>
    db.prepare("INSERT INTO people (name) VALUES ('小李') RETURNING *").first(),
  ),
  ok('run: trigger changes count in meta.changes', (db) =>
    db.prepare("INSERT INTO pets (owner_id, name) VALUES (1, '花花')").run(),
  ),
  ok('run: update of several rows', (db) =>
    db.prepare('UPDATE people SET note = ? WHERE age > ?').bind('老人', 60).run(),
  ),
  ok('run: a select through run() gives its rows', (db) =>
    db.prepare('SELECT id, name FROM people ORDER BY id').run(),
  ),
  ok('all: a select changes nothing (changed_db false)', (db) =>
    db.prepare('SELECT * FROM people ORDER BY id').all(),
  ),
  ok('run: delete', (db) => db.prepare("DELETE FROM people WHERE name = '小李'").run()),

  // ── reading ──
  ok('first: no row is null', (db) =>
    db.prepare('SELECT * FROM people WHERE id = ?').bind(999).first(),
  ),
  ok('first(column)', (db) => db.prepare('SELECT name FROM people WHERE id = 1').first('name')),
  ok('first(column) of no row is null', (db) =>
    db.prepare('SELECT name FROM people WHERE id = 999').first('name'),
  ),
  error('first(column) that is not there', (db) =>
    db.prepare('SELECT name FROM people WHERE id = 1').first('nope'),
  ),
  ok('raw: arrays', (db) => db.prepare('SELECT id, name FROM people ORDER BY id').raw()),
  ok('raw: column names first', (db) =>
    db.prepare('SELECT id, name FROM people ORDER BY id').raw({ columnNames: true }),
  ),
  ok('raw: column names of no rows', (db) =>
    db.prepare('SELECT id, name FROM people WHERE 0').raw({ columnNames: true }),
  ),
  ok('raw: duplicate column names keep both values', (db) =>
    db.prepare('SELECT 1 AS x, 2 AS x').raw(),
  ),
  ok('all: duplicate column names, the later wins', (db) =>
    db.prepare('SELECT 1 AS x, 2 AS x').all(),
  ),
  ok('raw: a write without RETURNING', (db) =>
    db.prepare("INSERT INTO log VALUES ('raw')").raw({ columnNames: true }),
  ),

  // ── binding: numbers are REAL, as D1 binds them ──
  ok('bind: typeof of numbers and booleans', (db) =>
    db
      .prepare(
        'SELECT typeof(?) AS a, typeof(?) AS b, typeof(?) AS c, typeof(?) AS d, typeof(?) AS e',
      )
      .bind(5, 1.5, true, -0, 2 ** 53 + 2)
      .first(),
  ),
  ok('bind: integer division of a bound 5 is REAL division', (db) =>
    db
      .prepare("SELECT ? / 2 AS half, ? || '' AS text, json_object('n', ?) AS j")
      .bind(5, 5, 5)
      .first(),
  ),
  ok('bind: into an INTEGER column, stored as integer', (db) =>
    db.prepare('SELECT typeof(age) AS t, age FROM people WHERE id = 1').first(),
  ),
  ok('bind: NaN, Infinity, -0', (db) =>
    db
      .prepare('SELECT ? AS a, typeof(?) AS b, ? AS c')
      .bind(Number.NaN, Number.POSITIVE_INFINITY, -0)
      .first(),
  ),
  ok('bind: strings (CJK, emoji, empty, NUL-free)', (db) =>
    db.prepare('SELECT ? AS a, length(?) AS n, ? AS e').bind('楼道灯不亮 💡', '楼道', '').first(),
  ),
  ok('bind: BLOBs from a Uint8Array, an ArrayBuffer, a byte array, empty', (db) =>
    db
      .prepare('SELECT ? AS a, ? AS b, ? AS c, ? AS d, typeof(?) AS t')
      .bind(
        new Uint8Array([1, 2, 255]),
        new Uint8Array([9, 8]).buffer,
        [0, 7],
        new Uint8Array(0),
        [1],
      )
      .first(),
  ),
  ok('bind: a BLOB column round trip', async (db) => {
    await db
      .prepare('UPDATE people SET photo = ? WHERE id = 1')
      .bind(new Uint8Array([0, 1, 2, 3]))
      .run()
    return db
      .prepare('SELECT photo, typeof(photo) AS t, length(photo) AS n FROM people WHERE id = 1')
      .first()
  }),
  ok('results: large and odd numbers', (db) =>
    db
      .prepare(
        'SELECT 9007199254740993 AS big, 1e308 * 10 AS inf, -0.0 AS negzero, 0.1 + 0.2 AS sum, 1.0 AS one',
      )
      .first(),
  ),
  error('bind: undefined', async (db) => db.prepare('SELECT ?').bind(undefined).first()),
  error('bind: an object', async (db) => db.prepare('SELECT ?').bind({ a: 1 }).first()),
  error('bind: a bigint', async (db) => db.prepare('SELECT ?').bind(1n).first()),
  error('bind: an array that is not bytes', async (db) =>
    db.prepare('SELECT ?').bind([1, 300]).first(),
  ),

  // ── placeholders and the parameter limit ──
  ok('params: ?NNN, repeated', (db) =>
    db.prepare('SELECT ?1 AS a, ?1 AS b, ?2 AS c').bind(1, 'z').first(),
  ),
  ok('params: :name, @name, $name bind by position', (db) =>
    db.prepare('SELECT :x AS a, @y AS b, $z AS c, :x AS d').bind(1, 2, 3).first(),
  ),
  ok('params: plain and numbered mixed', (db) =>
    db.prepare('SELECT ? AS a, ?3 AS b, ? AS c').bind(1, 2, 3, 4).first(),
  ),
  ok('params: a ? inside quotes and comments is not a parameter', (db) =>
    db
      .prepare('SELECT \'?\' AS a, [?] AS "?", ? AS c -- ?\n /* ? */ FROM (SELECT 1 AS [?])')
      .bind(5)
      .first(),
  ),
  error('params: too few values', (db) => db.prepare('SELECT ? AS a, ? AS b').bind(1).first()),
  error('params: too many values', (db) => db.prepare('SELECT ? AS a').bind(1, 2).first()),
  error('params: none bound', (db) => db.prepare('SELECT ? AS a').first()),
  ok('params: 100 is the most', (db) =>
    db
      .prepare(`SELECT count(*) AS n FROM people WHERE id IN (${placeholders(100)})`)
      .bind(...Array.from({ length: 100 }, (_, i) => i))
      .first(),
  ),
  error('params: 101 are too many', (db) =>
    db
      .prepare(`SELECT count(*) AS n FROM people WHERE id IN (${placeholders(101)})`)
      .bind(...Array.from({ length: 101 }, (_, i) => i))
      .first(),
  ),
  error('params: ?101', (db) => db.prepare('SELECT ?101 AS a').first()),
  error('params: ?0', (db) => db.prepare('SELECT ?0 AS a').first()),
  error('params: the 101st distinct name', (db) =>
    db
      .prepare(`SELECT ${Array.from({ length: 101 }, (_, i) => `:p${i} AS a${i}`).join(', ')}`)
      .bind(...Array.from({ length: 101 }, () => 'x'))
      .first(),
  ),

  // ── LIKE and GLOB, with D1's 50-byte pattern limit ──
  ok('like: ASCII case folding only', (db) =>
    db
      .prepare(
        "SELECT 'a' LIKE 'A' AS a, 'é' LIKE 'É' AS b, 'abc' LIKE 'a_c' AS c, 'a\nb' LIKE 'a_b' AS d",
      )
      .first(),
  ),
  ok('like: ESCAPE', (db) =>
    db
      .prepare(
        "SELECT 'a%b' LIKE 'a\\%b' ESCAPE '\\' AS a, 'axb' LIKE 'a\\%b' ESCAPE '\\' AS b, 'a_b' LIKE ? ESCAPE '\\' AS c",
      )
      .bind('a\\_b')
      .first(),
  ),
  ok('like: NULLs', (db) =>
    db
      .prepare(
        "SELECT NULL LIKE 'a' AS a, 'a' LIKE NULL AS b, like('a', 'a', NULL) AS c, glob(NULL, 'a') AS d",
      )
      .first(),
  ),
  ok('like: numbers and blobs compare as their text', (db) =>
    db
      .prepare(
        "SELECT 1.0 LIKE '1.0' AS a, ? LIKE '2.0' AS b, 3 LIKE '3' AS c, x'6162' LIKE 'ab' AS d, x'6162' GLOB 'ab' AS e",
      )
      .bind(2)
      .first(),
  ),
  ok('like: a CJK substring search as the API builds it', (db) =>
    db
      .prepare("SELECT name FROM people WHERE name LIKE ? ESCAPE '\\' ORDER BY id")
      .bind('%芳%')
      .all(),
  ),
  ok('like: a pattern of exactly 50 bytes', (db) =>
    db
      .prepare("SELECT 'x' LIKE ? AS a")
      .bind(`${'楼'.repeat(16)}%%`)
      .first(),
  ),
  error('like: a pattern of 51 bytes', (db) =>
    db
      .prepare("SELECT 'x' LIKE ? AS a")
      .bind(`${'楼'.repeat(17)}`)
      .first(),
  ),
  error('like: a long pattern over a column', (db) =>
    db
      .prepare('SELECT * FROM people WHERE name LIKE ?')
      .bind(`%${'a'.repeat(60)}%`)
      .all(),
  ),
  ok('like: a long pattern never compared is no error', (db) =>
    db.prepare('SELECT * FROM people WHERE 0 AND name LIKE ?').bind('a'.repeat(60)).all(),
  ),
  error('glob: a pattern of 51 bytes', (db) =>
    db.prepare("SELECT 'x' GLOB ? AS a").bind('*'.repeat(51)).first(),
  ),
  error('like: ESCAPE of two characters', (db) =>
    db.prepare("SELECT 'a' LIKE 'a' ESCAPE 'xy' AS a").first(),
  ),
  ok('glob: sets, ranges, negation, case', (db) =>
    db
      .prepare(
        "SELECT 'abc' GLOB 'a[b-c]c' AS a, 'aXc' GLOB 'a[^b]c' AS b, 'a]c' GLOB 'a[]]c' AS c, 'a-c' GLOB 'a[a-]c' AS d, " +
          "'ABC' GLOB 'abc' AS e, 'zc' GLOB '[z-a]c' AS f, 'bc' GLOB '[z-a]c' AS g, 'a[' GLOB 'a[' AS h, '楼道' GLOB '?道' AS i",
      )
      .first(),
  ),
  ok('like/glob: random patterns against random values, in one batch', (db) =>
    db.batch(
      patternPairs(300).map(([pattern, value]) =>
        db
          .prepare("SELECT ?1 LIKE ?2 AS l, ?1 LIKE ?2 ESCAPE '\\' AS e, ?1 GLOB ?2 AS g")
          .bind(value, pattern),
      ),
    ),
  ),

  // ── errors as D1 words them ──
  error('error: UNIQUE', (db) => db.prepare("INSERT INTO people (name) VALUES ('阿芳')").run()),
  error('error: NOT NULL', (db) =>
    db.prepare('INSERT INTO pets (owner_id, name) VALUES (NULL, ?)').bind('x').run(),
  ),
  error('error: CHECK', (db) =>
    db.prepare("INSERT INTO people (name, age) VALUES ('负数', -1)").run(),
  ),
  error('error: FOREIGN KEY (enforced, as on D1)', (db) =>
    db.prepare("INSERT INTO pets (owner_id, name) VALUES (999, 'x')").run(),
  ),
  error('error: syntax', (db) => db.prepare('SELEC 1').all()),
  error('error: no such table', (db) => db.prepare('SELECT * FROM nowhere').all()),
  error('error: no such column', (db) => db.prepare('SELECT nope FROM people').all()),
  error('error: a blank statement', (db) => db.prepare('   ').all()),

  // ── batches: one transaction ──
  ok('batch: results and meta of each statement', (db) =>
    db.batch([
      db.prepare('INSERT INTO people (name, age) VALUES (?, ?) RETURNING id').bind('小张', 30),
      db.prepare('SELECT count(*) AS n FROM people'),
      db.prepare('UPDATE people SET score = score + 1 WHERE score IS NOT NULL'),
    ]),
  ),
  error('batch: a failing statement rolls the batch back', (db) =>
    db.batch([
      db.prepare("INSERT INTO people (name) VALUES ('回滚')"),
      db.prepare("INSERT INTO people (name) VALUES ('阿芳')"),
    ]),
  ),
  ok('batch: nothing of the failed batch is left', (db) =>
    db.prepare("SELECT count(*) AS n FROM people WHERE name = '回滚'").first(),
  ),
  error('batch: a guard as the app uses it (NOT NULL) aborts the batch', (db) =>
    db.batch([
      db.prepare("INSERT INTO log VALUES ('before the guard')"),
      db.prepare(
        "INSERT INTO pets (owner_id, name) SELECT NULL, 'guard' WHERE EXISTS (SELECT 1 FROM people)",
      ),
    ]),
  ),
  ok('batch: the guard left nothing behind', (db) =>
    db.prepare("SELECT count(*) AS n FROM log WHERE what = 'before the guard'").first('n'),
  ),
  ok('batch: blank statements are dropped from the results', (db) =>
    db.batch([db.prepare("INSERT INTO log VALUES ('x')"), db.prepare('  ')]),
  ),
  error('batch: empty', (db) => db.batch([])),
  error('batch: only blank statements', (db) => db.batch([db.prepare(' ')])),

  // ── sessions ──
  ok('withSession: no bookmark before a query, a string after', async (db) => {
    const session = db.withSession()
    const before = session.getBookmark()
    const row = await session.prepare('SELECT 1 AS one').first()
    return { before, row, after: typeof session.getBookmark() }
  }),
]
