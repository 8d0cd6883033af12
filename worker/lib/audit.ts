// The audit rows moved to db/queries/audit.ts; this re-export serves the routers importing them
// from here.
export { audit, type AuditEntry } from '../db/queries/audit'
