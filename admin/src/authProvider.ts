import type { AuthProvider } from 'react-admin'
import type { Role } from '@domain/vocabulary'
import { canAudit, canWrite, isAdmin } from './lib/permissions'
import { partnerAllowed } from './resources/claims/access'
import { nextAfterLogin } from './lib/next-after-login'

export type Me = {
  id: number
  username: string
  displayName: string
  role: Role
  townIds: number[]
  neighborhoodIds: number[] | null
}

declare global {
  interface Window {
    /** GET /api/auth/me started by index.html before the scripts load. */
    __jushouMe?: Promise<Me | null>
  }
}

// The first answer comes from index.html's early request; later ones (after sign-in) from here.
let me: Promise<Me | null> | null = (typeof window !== 'undefined' && window.__jushouMe) || null

const fetchMe = () =>
  (me ??= fetch('/api/auth/me', { credentials: 'same-origin' }).then((r) =>
    r.ok ? r.json() : null,
  ))

// Which screens each role may open; the server enforces the same rules, this only hides
// controls and menu entries that would fail with 403.
const ADMIN_ONLY = new Set(['users', 'categories', 'towns'])
const ADMIN_WRITES = new Set(['neighborhoods'])
const AUDIT = new Set(['audit-log'])
const READS = new Set(['list', 'show', 'export'])

/**
 * Whether `role` may do `action` on `resource` in the admin.
 * @example allowed('viewer', 'edit', 'topics') // false
 */
export const allowed = (role: Role | null | undefined, action: string, resource: string) => {
  if (!role) return false
  // A partner login: the needs list, its own claims, the projects it joined; nothing else.
  if (role === 'partner') return partnerAllowed(action, resource)
  if (AUDIT.has(resource)) return canAudit(role) && READS.has(action)
  if (ADMIN_ONLY.has(resource)) return isAdmin(role)
  if (READS.has(action)) return true
  if (ADMIN_WRITES.has(resource)) return isAdmin(role)
  if (resource === 'topics' && action === 'delete') return isAdmin(role)
  return canWrite(role)
}

/** Same-origin cookie sessions over /api/auth; the role drives what the UI offers. */
const authProvider: AuthProvider = {
  login: async ({ username, password }) => {
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
    me = null
    if (!res.ok) {
      const body = await res.json().catch(() => ({}))
      throw new Error(body.message ?? 'ra.auth.sign_in_error')
    }
    // Sent here by a phone's check-in page: back there, not to the dashboard.
    const next = nextAfterLogin(window.location.search)
    if (next) {
      window.location.assign(next)
      return { redirectTo: false }
    }
  },
  logout: async () => {
    me = null
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => {})
  },
  checkAuth: async () => {
    if (!(await fetchMe())) {
      me = null
      throw new Error('ra.auth.auth_check_error')
    }
  },
  checkError: async (error) => {
    if (error?.status === 401) {
      me = null
      throw new Error('ra.auth.auth_check_error')
    }
    // 403 stays signed in: react-admin shows the server's message as a notification.
  },
  getIdentity: async () => {
    const user = await fetchMe()
    if (!user) throw new Error('ra.auth.auth_check_error')
    return { ...user, fullName: user.displayName }
  },
  getPermissions: async () => (await fetchMe())?.role ?? null,
  canAccess: async ({ action, resource }) => allowed((await fetchMe())?.role, action, resource),
}

export default authProvider
