// The client's address and scheme behind trusted proxies, for the Node home. The app reads the
// address only from the source CLIENT_ADDRESS names (worker/lib/client-address.ts); on Node that
// source is the header CLIENT_HEADER, which this file sets on every request, overwriting anything
// a client sent:
//   1. The TCP peer is the client, unless it is a trusted proxy (TRUSTED_PROXIES).
//   2. From a trusted proxy, X-Forwarded-For is read from the right: each hop appended by a
//      trusted proxy is skipped, the first hop that is not a trusted proxy is the client (as
//      nginx's real_ip_recursive). A chain made only of trusted proxies names its leftmost hop.
//   3. From a trusted proxy, X-Forwarded-Proto: https makes the request https (Secure cookies,
//      HSTS and the same-origin check see the scheme the browser used).
//   4. From anyone else, X-Forwarded-For, X-Forwarded-Proto, X-Real-IP and Forwarded are dropped,
//      so no other CLIENT_ADDRESS setting can be fooled by a client that bypasses the proxy.
import type { IncomingMessage } from 'node:http'
import net from 'node:net'
import { CLIENT_HEADER } from './config'

/** A set of trusted proxy addresses. */
export type TrustedProxies = { has(address: string): boolean }

const LOOPBACK: [string, number, 'ipv4' | 'ipv6'][] = [
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]

/** `::ffff:1.2.3.4` (IPv4 on an IPv6 socket) as `1.2.3.4`; brackets and zones removed. */
export const plainAddress = (address: string) => {
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)
  return mapped ? mapped[1] : bare
}

/**
 * Parses TRUSTED_PROXIES entries: addresses, CIDR ranges, `loopback`; `none` or nothing trusts
 * no one. An entry that is none of these is an error (a typo must not widen or void the list).
 * @example trustedProxies(['loopback', '10.0.0.0/8']).has('10.1.2.3') // true
 */
export const trustedProxies = (entries: string[]): TrustedProxies => {
  const list = new net.BlockList()
  for (const raw of entries) {
    const entry = raw.trim()
    if (!entry || entry === 'none') continue
    if (entry === 'loopback') {
      for (const [address, prefix, type] of LOOPBACK) list.addSubnet(address, prefix, type)
      continue
    }
    const [address, prefix] = entry.split('/')
    const type = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : null
    if (!type) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or CIDR range`)
    if (prefix === undefined) list.addAddress(address, type)
    else {
      const bits = Number(prefix)
      if (!Number.isInteger(bits) || bits < 0 || bits > (type === 'ipv4' ? 32 : 128))
        throw new Error(`TRUSTED_PROXIES: "${entry}" has an invalid prefix length`)
      list.addSubnet(address, bits, type)
    }
  }
  // BlockList.check is slow for a per-request call; the same few peers come again and again.
  const known = new Map<string, boolean>()
  return {
    has: (address) => {
      let trusted = known.get(address)
      if (trusted === undefined) {
        const ip = plainAddress(address)
        const type = net.isIPv4(ip) ? 'ipv4' : net.isIPv6(ip) ? 'ipv6' : null
        trusted = type !== null && list.check(ip, type)
        if (known.size >= 10_000) known.clear()
        known.set(address, trusted)
      }
      return trusted
    },
  }
}

/**
 * The client's address for a request whose TCP peer is `peer` (rules 1 and 2 above).
 * @example clientOf('127.0.0.1', '203.0.113.7, 10.0.0.2', proxies) // '203.0.113.7' if both proxies
 */
export const clientOf = (
  peer: string,
  forwardedFor: string | undefined,
  proxies: TrustedProxies,
) => {
  let client = plainAddress(peer)
  if (!proxies.has(client) || !forwardedFor) return client
  const hops = forwardedFor
    .split(',')
    .map((hop) => plainAddress(hop))
    .filter(Boolean)
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!net.isIP(hops[i])) return client
    client = hops[i]
    if (!proxies.has(client)) return client
  }
  return client
}

const FORWARDING = new Set(['x-forwarded-for', 'x-forwarded-proto', 'x-real-ip', 'forwarded'])

/**
 * Rewrites an incoming request before the app sees it (rules 1–4 above): sets CLIENT_HEADER,
 * and for https behind a trusted proxy gives it an absolute https URL (which @hono/node-server
 * takes as the request's URL).
 * @example prepareIncoming(incoming, trustedProxies(['loopback']))
 */
export const prepareIncoming = (incoming: IncomingMessage, proxies: TrustedProxies) => {
  const peer = incoming.socket.remoteAddress ?? ''
  const trusted = proxies.has(peer)
  const header = (name: string) => {
    const value = incoming.headers[name]
    return Array.isArray(value) ? value.join(', ') : value
  }
  const client = clientOf(peer, trusted ? header('x-forwarded-for') : undefined, proxies)
  const https =
    trusted && header('x-forwarded-proto')?.split(',')[0].trim().toLowerCase() === 'https'
  const raw = incoming.rawHeaders
  const kept: string[] = []
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase()
    if (name === CLIENT_HEADER || (!trusted && FORWARDING.has(name))) continue
    kept.push(raw[i], raw[i + 1])
  }
  kept.push(CLIENT_HEADER, client || 'unknown')
  incoming.rawHeaders = kept
  // node computes `headers` from rawHeaders on first read; drop the copy it may have made.
  const headers: Record<string, string | string[] | undefined> = {}
  for (let i = 0; i < kept.length; i += 2) {
    const name = kept[i].toLowerCase()
    const prior = headers[name]
    headers[name] =
      prior === undefined
        ? kept[i + 1]
        : name === 'cookie'
          ? `${prior}; ${kept[i + 1]}`
          : `${prior}, ${kept[i + 1]}`
  }
  incoming.headers = headers
  const url = incoming.url ?? '/'
  if (https && url.startsWith('/') && headers.host) incoming.url = `https://${headers.host}${url}`
}
