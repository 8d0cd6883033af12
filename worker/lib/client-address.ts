// The client's address, for rate limits. A header a client can set itself would let anyone
// dodge a limit (a new address per request) or spend another client's, so the address is read
// only from the source the deployment names in `CLIENT_ADDRESS` (wrangler.toml [vars], or the
// environment of the Node home):
//   "cloudflare"        `cf-connecting-ip`, which Cloudflare's edge sets and overwrites; honoured
//                       only on requests that carry `request.cf` (workerd behind Cloudflare, or
//                       wrangler dev), which no client can add.
//   "header:<name>"     one header your reverse proxy sets, overwriting what the client sent
//                       (nginx: `proxy_set_header X-Real-IP $remote_addr;` → "header:x-real-ip").
//   "forwarded:<n>"     `X-Forwarded-For` behind n proxies that each append the address they saw
//                       (nginx: `$proxy_add_x_forwarded_for`): the n-th entry from the right.
//   unset, or other     no header is trusted; every request is the one client 'unknown'.
// An IPv6 address counts by its /64: one household or server holds a whole /64 and could
// otherwise take a new address per request.
import type { Context } from 'hono'

/** What `clientAddress` answers when no trusted source names the client. */
export const UNKNOWN_ADDRESS = 'unknown'

/** The setting, as wrangler.toml or the environment gives it. */
export type ClientAddressConfig = { CLIENT_ADDRESS?: string }

const MAX_LENGTH = 64

/** The first four groups of an IPv6 address (its /64), or `null` when it is not one. */
const ipv6Prefix = (address: string): string | null => {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  if (!/^[0-9a-f:.]+$/.test(ip) || !ip.includes(':')) return null
  const halves = ip.split('::')
  if (halves.length > 2) return null
  const groups = (part: string) => (part ? part.split(':') : [])
  const head = groups(halves[0])
  const tail = groups(halves[1] ?? '')
  // An IPv4 address written inside an IPv6 one (::ffff:1.2.3.4) is that IPv4 client.
  const last = tail.at(-1) ?? head.at(-1) ?? ''
  if (last.includes('.')) return /^\d{1,3}(\.\d{1,3}){3}$/.test(last) ? last : null
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null
  return `${all
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

/** One address as a rate-limit key: trimmed, lower case, an IPv6 one by its /64. */
const normalize = (raw: string | null | undefined): string => {
  const address = raw?.trim().toLowerCase()
  if (!address || address.length > MAX_LENGTH) return UNKNOWN_ADDRESS
  return ipv6Prefix(address) ?? address
}

/**
 * The client's address from the trusted source `config` names (see the top of this file).
 * @example addressOf(request, { CLIENT_ADDRESS: 'header:x-real-ip' }) // '203.0.113.7'
 */
export const addressOf = (request: Request, config: ClientAddressConfig): string => {
  const source = config.CLIENT_ADDRESS?.trim().toLowerCase() ?? ''
  if (source === 'cloudflare')
    return request.cf ? normalize(request.headers.get('cf-connecting-ip')) : UNKNOWN_ADDRESS
  if (source.startsWith('header:')) return normalize(request.headers.get(source.slice(7)))
  if (source.startsWith('forwarded:')) {
    const hops = Number(source.slice(10))
    const chain = (request.headers.get('x-forwarded-for') ?? '').split(',')
    if (!Number.isSafeInteger(hops) || hops < 1 || chain.length < hops) return UNKNOWN_ADDRESS
    return normalize(chain[chain.length - hops])
  }
  return UNKNOWN_ADDRESS
}

/**
 * This request's client address, for rate limits: the one place the address is read.
 * @example const key = `track:${clientAddress(c)}`
 */
export const clientAddress = (c: Context) =>
  addressOf(c.req.raw, (c.env ?? {}) as ClientAddressConfig)
