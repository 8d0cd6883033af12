import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ZodError } from 'zod'
import type { FieldErrors, Problem } from '../domain/problem'

/** The closed set of error codes the API answers with, and their statuses. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  illegal_transition: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  rate_limited: 429,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof ERROR_STATUS

export type { FieldErrors }

/**
 * The one error type of the API. Thrown anywhere, formatted by `handleError`.
 * @example throw new ApiError('not_found', '议题不存在')
 */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly errors?: FieldErrors
  readonly headers?: Record<string, string>
  /** More for the client to act on, beside code and message (e.g. a conflict's `current` record). */
  readonly extra?: Record<string, unknown>
  constructor(
    code: ErrorCode,
    message: string,
    options: {
      errors?: FieldErrors
      cause?: unknown
      headers?: Record<string, string>
      extra?: Record<string, unknown>
    } = {},
  ) {
    super(message, { cause: options.cause })
    this.code = code
    this.errors = options.errors
    this.headers = options.headers
    this.extra = options.extra
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code]
  }
}

/** Turns a zod error into `{ field: message }`, first message per field. */
export const zodFieldErrors = (error: ZodError): FieldErrors => {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join('.') : '_'
    errors[field] ??= issue.message
  }
  return errors
}

export const validationError = (errors: FieldErrors, message = '提交的内容有误') =>
  new ApiError('validation_failed', message, { errors })

/**
 * Formats every error as `{ code, message, errors?, ...extra }`; only 5xx are logged, no stacks
 * leak.
 */
export const handleError = (err: Error, c: Context) => {
  if (err instanceof ApiError) {
    if (err.headers) for (const [k, v] of Object.entries(err.headers)) c.header(k, v)
    return c.json(
      { ...err.extra, code: err.code, message: err.message, errors: err.errors },
      err.status,
    )
  }
  if (err instanceof ZodError) {
    return c.json(
      { code: 'validation_failed', message: '提交的内容有误', errors: zodFieldErrors(err) },
      400,
    )
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode
    const code: ErrorCode =
      status === 413
        ? 'payload_too_large'
        : status === 401
          ? 'unauthorized'
          : status === 403
            ? 'forbidden'
            : status === 404
              ? 'not_found'
              : status >= 500
                ? 'internal'
                : 'bad_request'
    if (status >= 500) console.error(err)
    return c.json({ code, message: err.message || code }, status)
  }
  console.error(err)
  return c.json({ code: 'internal', message: '服务器出错了，请稍后再试' }, 500)
}

/**
 * Throws a domain rule's problem as the API's error; does nothing when there is none.
 * @example raise(checkTransition(topic.status, 'accepted', input))
 */
export const raise = (problem: Problem | null) => {
  if (problem) throw problemError(problem)
}

/**
 * A domain rule's problem as the API's error, to throw where the problem is known to be there.
 * @example if ('problem' in checked) throw problemError(checked.problem)
 */
export const problemError = (problem: Problem) =>
  new ApiError(problem.code, problem.message, { errors: problem.errors })
