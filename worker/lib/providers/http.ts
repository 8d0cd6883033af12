import type { SendResult } from './types'

/** How long a provider may take to answer before the attempt counts as failed (and retryable). */
const TIMEOUT_MS = 10_000

/**
 * A request to a provider, answered as its JSON body, or as a retryable failure when the network
 * or the provider's server failed (no answer, a timeout, 5xx, a body that is not JSON).
 * @example const r = await callProvider(url, init); if ('failed' in r) return r.failed
 */
export const callProvider = async (
  url: string,
  init: RequestInit,
): Promise<{ status: number; json: unknown } | { failed: SendResult }> => {
  let res: Response
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) })
  } catch (err) {
    return { failed: { ok: false, retryable: true, reason: `network: ${(err as Error).message}` } }
  }
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return {
      failed: {
        ok: false,
        retryable: res.status >= 500 || res.status === 429,
        reason: `HTTP ${res.status}: ${text.slice(0, 200)}`,
      },
    }
  }
  return { status: res.status, json }
}
