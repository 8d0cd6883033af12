// The audit rows moved to db/queries/audit.ts; this re-export serves the routers importing them
// from here.
export { audit } from '../db/queries/audit'
