// A phone's check-in page (server-rendered, outside the admin) sends a signed-out staff member to
// `/admin/?next=/staff/checkin/2` or `/admin/?next=/c/<code>`; once signed in they go back there
// instead of to the desktop dashboard. Only those pages are allowed, so the parameter cannot send
// anyone to another site or page.

const CHECKIN_PAGE = /^\/(?:staff\/checkin(?:\/\d{1,12})?|c\/[\w-]{1,64})(?:\?lang=(?:zh|en))?$/

/**
 * The check-in page named by `?next=` in `search`, or null when there is none or it is not one.
 * @example nextAfterLogin('?next=%2Fstaff%2Fcheckin%2F2') // '/staff/checkin/2'
 * @example nextAfterLogin('?next=https%3A%2F%2Fevil.example') // null
 */
export const nextAfterLogin = (search: string): string | null => {
  const next = new URLSearchParams(search).get('next')
  return next && CHECKIN_PAGE.test(next) ? next : null
}
