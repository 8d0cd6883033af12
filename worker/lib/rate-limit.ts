// The rate limits moved to db/queries/rate-limit.ts (statements on rate_limits); this re-export
// serves the files still importing them from here.
export * from '../db/queries/rate-limit'
