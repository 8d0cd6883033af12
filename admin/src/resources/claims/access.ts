// What a partner login (role partner) may open in the admin: the 需求清单, its own claims (and
// raise a hand from there), the projects it joined. The server refuses it everything else.

const PARTNER_SCREENS: Record<string, readonly string[]> = {
  'help-wanted': ['list', 'show'],
  claims: ['list', 'show', 'create'],
  'partner-projects': ['list', 'show'],
}

/**
 * Whether a partner login may do `action` on `resource` in the admin.
 * @example partnerAllowed('create', 'claims') // true
 */
export const partnerAllowed = (action: string, resource: string) =>
  PARTNER_SCREENS[resource]?.includes(action) ?? false
