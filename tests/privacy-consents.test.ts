import { env } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createDb } from '../worker/db/client'
import { batch, batchRows } from '../worker/db/batch'
import {
  consentsOf,
  consentsOfPhone,
  hasActiveConsent,
  insertConsentStmt,
  withdrawConsentsStmt,
} from '../worker/db/queries/privacy/consents'
import {
  allows,
  consentProblem,
  isConsentActive,
  NOTICE_VERSION,
  WITHDRAWAL_EFFECT,
} from '../worker/domain/privacy/consent'
import {
  CONSENT_CHANNEL_LABEL,
  CONSENT_GIVEN_VIA,
  CONSENT_MEDIA,
  CONSENT_MEDIUM_LABEL,
  CONSENT_PURPOSE_LABEL,
  CONSENT_PURPOSES,
  CONSENT_WITHDRAWN_VIA,
  PRIVACY_AUDIT_ACTION_LABEL,
  PRIVACY_AUDIT_ACTIONS,
  PRIVACY_REQUEST_KIND_LABEL,
  PRIVACY_REQUEST_KINDS,
  PRIVACY_REQUEST_STATUS_LABEL,
  PRIVACY_REQUEST_STATUSES,
  PURGE_KIND_LABEL,
  PURGE_KINDS,
  REVEAL_PURPOSE_LABEL,
  REVEAL_PURPOSES,
} from '../worker/domain/vocabulary'
import { createTown } from './helpers'

// Consent records (#17 point 2): stored with purpose, notice version, time and channel; withdrawn
// as easily as given, with effect at once.

const db = () => createDb(env.DB)

describe('consent rules', () => {
  it('names every purpose, medium and channel, and what withdrawing does, in both languages', () => {
    const named = (labels: Record<string, { zh: string; en: string }>, keys: readonly string[]) =>
      keys.every((k) => Boolean(labels[k]?.zh && labels[k]?.en))
    expect(named(CONSENT_PURPOSE_LABEL, CONSENT_PURPOSES)).toBe(true)
    expect(named(WITHDRAWAL_EFFECT, CONSENT_PURPOSES)).toBe(true)
    expect(named(CONSENT_MEDIUM_LABEL, CONSENT_MEDIA)).toBe(true)
    expect(named(CONSENT_CHANNEL_LABEL, [...CONSENT_GIVEN_VIA, ...CONSENT_WITHDRAWN_VIA])).toBe(
      true,
    )
    expect(named(PURGE_KIND_LABEL, PURGE_KINDS)).toBe(true)
    expect(named(PRIVACY_REQUEST_KIND_LABEL, PRIVACY_REQUEST_KINDS)).toBe(true)
    expect(named(PRIVACY_REQUEST_STATUS_LABEL, PRIVACY_REQUEST_STATUSES)).toBe(true)
    expect(named(REVEAL_PURPOSE_LABEL, REVEAL_PURPOSES)).toBe(true)
    expect(named(PRIVACY_AUDIT_ACTION_LABEL, PRIVACY_AUDIT_ACTIONS)).toBe(true)
  })
  const c = { purpose: 'notify' as const, medium: 'sms' as const, givenAt: 10, withdrawnAt: 20 }
  it('holds from its giving until its withdrawal, not after', () => {
    expect(isConsentActive(c, 9)).toBe(false)
    expect(isConsentActive(c, 10)).toBe(true)
    expect(isConsentActive(c, 19)).toBe(true)
    expect(isConsentActive(c, 20)).toBe(false)
    expect(isConsentActive({ ...c, withdrawnAt: null }, 1e15)).toBe(true)
    expect(allows([c], 'notify', 15, 'sms')).toBe(true)
    expect(allows([c], 'notify', 15, 'email')).toBe(false)
    expect(allows([c], 'contact', 15)).toBe(false)
  })
  it('refuses a malformed consent', () => {
    const base = {
      townId: 1,
      phone: '13812341234',
      subjectType: 'topic' as const,
      subjectId: 1,
      purpose: 'contact' as const,
      noticeVersion: NOTICE_VERSION,
      givenVia: 'web' as const,
      at: 1,
    }
    expect(consentProblem(base)).toBeNull()
    expect(consentProblem({ ...base, purpose: 'notify' })).toMatch(/medium/)
    expect(consentProblem({ ...base, medium: 'sms' })).toMatch(/medium/)
    expect(consentProblem({ ...base, subjectId: null })).toMatch(/row/)
    expect(consentProblem({ ...base, subjectType: 'phone' })).toMatch(/no row/)
    expect(consentProblem({ ...base, noticeVersion: ' ' })).toMatch(/version/)
    expect(() => insertConsentStmt(db(), { ...base, purpose: 'notify' })).toThrow(/medium/)
  })
})

describe('consent records in D1', () => {
  it('stores purpose, notice version, time and channel, and withdraws at once', async () => {
    const { townId } = await createTown(1)
    const phone = `139${String(Date.now()).slice(-8)}`
    const at = Date.now()
    await batch(db(), [
      insertConsentStmt(db(), {
        townId,
        phone: `+86 ${phone.slice(0, 3)}-${phone.slice(3)}`,
        subjectType: 'registration',
        subjectId: 901,
        purpose: 'notify',
        medium: 'sms',
        noticeVersion: NOTICE_VERSION,
        givenVia: 'web',
        at,
      }),
      insertConsentStmt(db(), {
        townId,
        phone,
        subjectType: 'registration',
        subjectId: sql`(SELECT 901)`,
        purpose: 'guardian',
        noticeVersion: NOTICE_VERSION,
        givenVia: 'paper',
        at,
      }),
    ])
    const stored = await consentsOfPhone(db(), phone)
    expect(stored).toHaveLength(2)
    expect(stored.map((r) => r.phone)).toEqual([phone, phone]) // normalised
    expect(stored.find((r) => r.purpose === 'notify')).toMatchObject({
      medium: 'sms',
      noticeVersion: NOTICE_VERSION,
      givenVia: 'web',
      givenAt: at,
      withdrawnAt: null,
    })
    const active = (purpose: 'notify' | 'guardian') =>
      batchRows(db(), [
        sql`SELECT ${hasActiveConsent('registration', sql`901`, purpose)} AS yes`,
      ]).then(([rows]) => (rows[0] as { yes: number }).yes)
    expect(await active('notify')).toBe(1)

    // An SMS reply withdraws the SMS consent of the phone; the guardian consent stays.
    const [gone] = await batch(db(), [
      withdrawConsentsStmt(db(), {
        phone,
        purpose: 'notify',
        medium: 'sms',
        via: 'sms_reply',
        at: at + 1,
      }),
    ])
    expect(gone).toHaveLength(1)
    expect(await active('notify')).toBe(0)
    expect(await active('guardian')).toBe(1)
    // Withdrawing again changes nothing.
    const [again] = await batch(db(), [
      withdrawConsentsStmt(db(), { phone, purpose: 'notify', via: 'link', at: at + 2 }),
    ])
    expect(again).toHaveLength(0)
    const rows = await consentsOf(db(), 'registration', 901)
    expect(rows.find((r) => r.purpose === 'notify')).toMatchObject({
      withdrawnAt: at + 1,
      withdrawnVia: 'sms_reply',
    })
    // By row, by staff.
    await batch(db(), [
      withdrawConsentsStmt(db(), {
        subjectType: 'registration',
        subjectId: 901,
        purpose: 'guardian',
        via: 'staff',
        at: at + 3,
      }),
    ])
    expect(await active('guardian')).toBe(0)
    expect(() => withdrawConsentsStmt(db(), { purpose: 'notify', via: 'web', at })).toThrow()
  })
})
