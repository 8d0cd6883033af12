// The ExecutionContext the Node home hands to the app's handlers: waitUntil keeps work going after
// the answer (awaited before the process stops), and ctx.exports.default loops back to the app,
// as on Workers.

/** Promises handed to waitUntil that have not settled yet. */
export type Pending = Set<Promise<unknown>>

/**
 * An ExecutionContext whose waitUntil promises land in `pending` (failures are logged) and whose
 * exports.default fetches through `self`.
 * @example const ctx = executionContext(pending, (request) => app.fetch(request, env, ctx))
 */
export const executionContext = (
  pending: Pending,
  self: (request: Request) => Promise<Response>,
): ExecutionContext => {
  const fetcher: Fetcher = {
    fetch: (input, init) => self(new Request(input, init)),
    connect: () => {
      throw new Error('connect() is not supported on the Node home')
    },
  }
  return {
    waitUntil: (promise) => {
      const tracked: Promise<unknown> = promise
        .catch((err) => console.error('waitUntil failed:', err))
        .finally(() => pending.delete(tracked))
      pending.add(tracked)
    },
    passThroughOnException: () => {},
    exports: { default: Object.assign((_options: { props?: unknown }) => fetcher, fetcher) },
    props: undefined,
  }
}
