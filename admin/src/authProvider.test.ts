import { describe, expect, it } from 'vitest'
import { allowed } from './authProvider'

describe('allowed (what the admin UI offers each role)', () => {
  it('lets a viewer read topics and projects but change nothing', () => {
    expect(allowed('viewer', 'list', 'topics')).toBe(true)
    expect(allowed('viewer', 'show', 'topics')).toBe(true)
    for (const action of ['edit', 'create', 'delete'])
      for (const resource of ['topics', 'projects', 'channels'])
        expect(allowed('viewer', action, resource)).toBe(false)
  })

  it('keeps viewers read-only, saved views included', () => {
    expect(allowed('viewer', 'create', 'saved-views')).toBe(false)
    expect(allowed('viewer', 'list', 'saved-views')).toBe(true)
    expect(allowed('staff', 'create', 'saved-views')).toBe(true)
  })

  it('keeps users and categories to admins, the audit log to admins and town', () => {
    expect(allowed('staff', 'list', 'users')).toBe(false)
    expect(allowed('admin', 'edit', 'users')).toBe(true)
    expect(allowed('town', 'list', 'audit-log')).toBe(true)
    expect(allowed('staff', 'list', 'audit-log')).toBe(false)
    expect(allowed('admin', 'edit', 'audit-log')).toBe(false)
  })

  it('lets staff edit topics but only admins delete them', () => {
    expect(allowed('staff', 'edit', 'topics')).toBe(true)
    expect(allowed('staff', 'delete', 'topics')).toBe(false)
    expect(allowed('admin', 'delete', 'topics')).toBe(true)
  })

  it('allows nothing before the role is known', () => {
    expect(allowed(undefined, 'list', 'topics')).toBe(false)
  })
})
