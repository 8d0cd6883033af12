// node:async_hooks as workerd (nodejs_compat) and Node give it; only what worker/ uses.
declare module 'node:async_hooks' {
  export class AsyncLocalStorage<T> {
    run<R>(store: T, fn: () => R): R
    getStore(): T | undefined
  }
}
