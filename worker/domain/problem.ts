// What a domain rule answers when something may not happen: a value, never a thrown HTTP error.
// The API turns a problem into its JSON error (lib/errors `raise`), the pages into words on the
// page; the codes are a subset of the API's closed set.

/** `{ field: message }`, the message in words a person can act on. */
export type FieldErrors = Record<string, string>

export type Problem =
  | { code: 'validation_failed'; message: string; errors: FieldErrors }
  | {
      code: 'illegal_transition' | 'conflict' | 'not_found' | 'forbidden'
      message: string
      /** What the client may act on, e.g. the field a conflict is about or the current status. */
      errors?: FieldErrors
    }

/**
 * A validation problem from field errors, or null when there are none.
 * @example fieldProblem({ note: '请填写理由' }) // { code: 'validation_failed', ... }
 */
export const fieldProblem = (errors: FieldErrors, message = '提交的内容有误'): Problem | null =>
  Object.keys(errors).length ? { code: 'validation_failed', message, errors } : null
