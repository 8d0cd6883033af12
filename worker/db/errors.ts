// What D1 said when a statement failed. drizzle wraps D1's error in its own (as `cause`), so the
// constraint that failed is looked for in the whole chain of messages.

/** Every message in an error's `cause` chain, joined. */
export const errorText = (err: unknown) => {
  const parts: string[] = []
  for (let e = err as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (typeof e.message === 'string') parts.push(e.message)
  return parts.join(' | ')
}

/** Whether a write failed on a UNIQUE constraint. */
export const isUniqueViolation = (err: unknown) =>
  errorText(err).includes('UNIQUE constraint failed')

/**
 * Runs `write` again, up to `attempts` times in all, when it failed on a UNIQUE clash of one of
 * `columns` (`table.column`, as SQLite names them). For writes that draw a random code: a clash
 * fails the whole batch, so nothing was written and a new draw can simply try again.
 * @example const topic = await retryOnClash(['topics.tracking_code'], () => createTopic(db, input))
 */
export const retryOnClash = async <T>(
  columns: readonly string[],
  write: (attempt: number) => Promise<T>,
  attempts = 3,
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(attempt)
    } catch (err) {
      const text = errorText(err)
      const clash = columns.some((column) => text.includes(`UNIQUE constraint failed: ${column}`))
      if (attempt >= attempts || !clash) throw err
    }
  }
}
