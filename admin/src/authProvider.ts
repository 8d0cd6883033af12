import type { AuthProvider } from 'react-admin'

export type Me = {
  id: number
  username: string
  displayName: string
  role: 'admin' | 'town' | 'staff' | 'viewer'
  townIds: number[]
  neighborhoodIds: number[] | null
}

let me: Promise<Me | null> | null = null

const fetchMe = () =>
  (me ??= fetch('/api/auth/me', { credentials: 'same-origin' }).then((r) => (r.ok ? r.json() : null)))

/** Same-origin cookie sessions over /api/auth; the role drives permissions. */
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
    // 403 is shown as a message by the caller; it does not sign the user out.
  },
  getIdentity: async () => {
    const user = await fetchMe()
    if (!user) throw new Error('ra.auth.auth_check_error')
    return { id: user.id, fullName: user.displayName, ...user }
  },
  getPermissions: async () => (await fetchMe())?.role ?? null,
}

export default authProvider
