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
