/**
 * Whether a role may change data at all (the server answers 403 to a viewer's writes anyway;
 * this only hides controls that would fail).
 * @example canWrite('viewer') // false
 */
export const canWrite = (role: string | null | undefined) =>
  role === 'admin' || role === 'town' || role === 'staff'

/**
 * Whether a role sees the administration screens (users, categories, audit log ...).
 * @example isAdmin('town') // false
 */
export const isAdmin = (role: string | null | undefined) => role === 'admin'

/**
 * Whether a role may read the audit log (admin and town, as the server allows).
 * @example canAudit('town') // true
 */
export const canAudit = (role: string | null | undefined) => role === 'admin' || role === 'town'
