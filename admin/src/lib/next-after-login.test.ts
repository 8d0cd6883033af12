import { describe, expect, it } from 'vitest'
import { nextAfterLogin } from './next-after-login'

describe('nextAfterLogin', () => {
  it('returns to the check-in pages a phone was sent from', () => {
    expect(nextAfterLogin('?next=%2Fstaff%2Fcheckin')).toBe('/staff/checkin')
    expect(nextAfterLogin('?next=%2Fstaff%2Fcheckin%2F2')).toBe('/staff/checkin/2')
    expect(nextAfterLogin('?next=%2Fc%2Fker8ccg6kCaoG-dl')).toBe('/c/ker8ccg6kCaoG-dl')
    expect(nextAfterLogin('?next=%2Fc%2FrFX-sFJ_8lklt_h1%3Flang%3Den')).toBe(
      '/c/rFX-sFJ_8lklt_h1?lang=en',
    )
  })

  it('goes nowhere else: other sites, other pages, tricks with slashes and schemes', () => {
    for (const next of [
      '',
      'https://evil.example/staff/checkin',
      '//evil.example/c/abc',
      '/\\evil.example',
      'javascript:alert(1)',
      '/admin/',
      '/staff/checkin/2/no-show',
      '/staff/checkin/../../b/x',
      '/c/abc?next=//evil.example',
      '/c/abc#x',
      ' /c/abc',
    ])
      expect(nextAfterLogin(`?next=${encodeURIComponent(next)}`), next).toBeNull()
    expect(nextAfterLogin('')).toBeNull()
    expect(nextAfterLogin('?other=1')).toBeNull()
  })
})
