import { env, SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { clearOfWindowEdge, ORIGIN } from './helpers'
import { addressOf, UNKNOWN_ADDRESS } from '../worker/lib/client-address'
import { VOLUNTEER_LOOKUP_LIMIT } from '../worker/pages/activities/volunteer-hours'

/** A request as the worker sees it; `cf` present only when it came through Cloudflare. */
const request = (headers: Record<string, string>, cf?: object) =>
  new Request(`${ORIGIN}/`, { headers, cf } as RequestInit)

describe('addressOf', () => {
  const spoofed = {
    'cf-connecting-ip': '198.51.100.1',
    'x-forwarded-for': '198.51.100.2, 10.0.0.1',
    'x-real-ip': '198.51.100.3',
  }

  it('trusts no header by default', () => {
    for (const config of [{}, { CLIENT_ADDRESS: '' }, { CLIENT_ADDRESS: 'nonsense' }]) {
      expect(addressOf(request(spoofed), config)).toBe(UNKNOWN_ADDRESS)
      expect(addressOf(request(spoofed, {}), config)).toBe(UNKNOWN_ADDRESS)
    }
  })

  it('reads cf-connecting-ip on Cloudflare only when the request carries request.cf', () => {
    const config = { CLIENT_ADDRESS: 'cloudflare' }
    expect(addressOf(request(spoofed, { colo: 'SHA' }), config)).toBe('198.51.100.1')
    expect(addressOf(request(spoofed), config)).toBe(UNKNOWN_ADDRESS)
    expect(addressOf(request({}, { colo: 'SHA' }), config)).toBe(UNKNOWN_ADDRESS)
  })

  it('reads the one header a reverse proxy is said to set', () => {
    expect(addressOf(request(spoofed), { CLIENT_ADDRESS: 'header:x-real-ip' })).toBe('198.51.100.3')
    expect(addressOf(request({}), { CLIENT_ADDRESS: 'header:x-real-ip' })).toBe(UNKNOWN_ADDRESS)
  })

  it('takes the n-th X-Forwarded-For entry from the right behind n proxies', () => {
    const chain = { 'x-forwarded-for': 'forged, 203.0.113.9, 10.0.0.1' }
    expect(addressOf(request(chain), { CLIENT_ADDRESS: 'forwarded:1' })).toBe('10.0.0.1')
    expect(addressOf(request(chain), { CLIENT_ADDRESS: 'forwarded:2' })).toBe('203.0.113.9')
    // Fewer entries than proxies: the request did not come through them all.
    expect(addressOf(request(chain), { CLIENT_ADDRESS: 'forwarded:4' })).toBe(UNKNOWN_ADDRESS)
    expect(addressOf(request({}), { CLIENT_ADDRESS: 'forwarded:1' })).toBe(UNKNOWN_ADDRESS)
  })

  it('counts an IPv6 client by its /64, and a mapped IPv4 as that IPv4', () => {
    const config = { CLIENT_ADDRESS: 'header:x-real-ip' }
    const of = (ip: string) => addressOf(request({ 'x-real-ip': ip }), config)
    expect(of('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(of('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64')
    expect(of('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(of('::ffff:192.0.2.7')).toBe('192.0.2.7')
    expect(of('192.0.2.7')).toBe('192.0.2.7')
  })
})

describe('rate limits key on the trusted address only', () => {
  const lookup = (ip: string, cf?: object) =>
    SELF.fetch(`${ORIGIN}/v`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': ip },
      body: 'phone=13900000000&code=NOPE',
      cf,
    } as RequestInit)

  it('is configured for Cloudflare in wrangler.toml', () => {
    expect(env.CLIENT_ADDRESS).toBe('cloudflare')
  })

  it('a client off Cloudflare cannot dodge a limit with a new cf-connecting-ip per request', async () => {
    await clearOfWindowEdge(VOLUNTEER_LOOKUP_LIMIT.windowMs)
    const statuses: number[] = []
    for (let i = 0; i <= VOLUNTEER_LOOKUP_LIMIT.limit; i++)
      statuses.push((await lookup(`192.0.2.${i}`)).status)
    expect(
      statuses.slice(0, -1).every((s) => s === 400),
      String(statuses),
    ).toBe(true)
    expect(statuses.at(-1)).toBe(429)
  })

  it('on Cloudflare, each address cf-connecting-ip names is its own client', async () => {
    for (let i = 0; i <= VOLUNTEER_LOOKUP_LIMIT.limit; i++)
      expect((await lookup(`198.51.100.${i}`, { colo: 'SHA' })).status).toBe(400)
  })
})

describe('the worker reads the client address in one place', () => {
  it('only worker/lib/client-address.ts names the forwarding headers', () => {
    const sources = import.meta.glob('../worker/**/*.{ts,tsx}', {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>
    expect(Object.keys(sources).length).toBeGreaterThan(20)
    const readers = Object.entries(sources)
      .filter(([, text]) => /cf-connecting-ip|x-forwarded-for|x-real-ip/i.test(text))
      .map(([path]) => path)
    expect(readers).toEqual(['../worker/lib/client-address.ts'])
  })
})
