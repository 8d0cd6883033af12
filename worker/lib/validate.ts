import type { Context } from 'hono'
import type { z } from 'zod'
import { ApiError, validationError, zodFieldErrors } from './errors'

/**
 * Reads a JSON body and validates it; malformed JSON is a 400, never a 500.
 * @example const input = await readJson(c, createSchema) // api/topics/create.ts
 */
export const readJson = async <S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> => {
  let body: unknown
  try {
    body = await c.req.json()
  } catch (cause) {
    throw new ApiError('bad_request', '请求体不是有效的 JSON', { cause })
  }
  return parse(schema, body)
}

/** Validates any value against a schema, throwing the API's 400 with field errors. */
export const parse = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> => {
  const result = schema.safeParse(value)
  if (!result.success) throw validationError(zodFieldErrors(result.error))
  return result.data
}

/** Parses `:id` route params as positive integers; anything else is a 404. */
export const idParam = (c: Context, name = 'id'): number => {
  const id = Number(c.req.param(name))
  if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError('not_found', '记录不存在')
  return id
}

/**
 * A query parameter as a whole number; undefined when absent or empty, else 400 `<name> 应为数字`.
 * @example const from = intQuery(c.req.query('from'), 'from') ?? 0
 */
export const intQuery = (value: string | undefined, name: string) => {
  if (value === undefined || value === '') return undefined
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new ApiError('bad_request', `${name} 应为数字`)
  return n
}
