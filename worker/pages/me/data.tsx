// The privacy part of 我的记录 (/me, issue #17 points 2 and 4), for a phone verified in this
// browser: everything stored under it (details, consents, messages, requests), a copy to download
// (CSV a spreadsheet opens, or JSON), withdrawing a consent with effect at once, and asking for
// deletion (a request in the staff queue, due in 15 working days). No JavaScript.
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { maskPhone } from '../../domain/masking'
import { copyLines, type CopyLine } from '../../domain/privacy/copy'
import { WITHDRAWAL_EFFECT } from '../../domain/privacy/consent'
import { addWorkingDays, REQUEST_WORKING_DAYS } from '../../domain/privacy/working-days'
import {
  CONSENT_CHANNEL_LABEL,
  CONSENT_MEDIUM_LABEL,
  CONSENT_PURPOSE_LABEL,
  type ConsentGivenVia,
  type ConsentMedium,
  type ConsentPurpose,
  MESSAGE_STATUS_LABEL,
  MESSAGE_TEMPLATE_LABEL,
  type MessageStatus,
  type MessageTemplate,
  PRIVACY_REQUEST_KIND_LABEL,
  PRIVACY_REQUEST_STATUS_LABEL,
  type PrivacyRequestKind,
  type PrivacyRequestStatus,
} from '../../domain/vocabulary'
import { dataOfPhone, type PhoneData } from '../../db/queries/privacy/erase'
import { fileRequest, openRequestOf, townOfPhone } from '../../db/queries/privacy/requests'
import { withdrawOwnConsent } from '../../db/queries/privacy/withdraw'
import { toCsv } from '../../lib/csv'
import { contentDisposition } from '../../lib/export'
import { notFound } from '../errors'
import { colon, formatDate, langOf, type Lang, t } from '../i18n'
import { messagePage, renderPage } from '../layout'
import { readForm, withLang, type PageContext } from '../common'
import { verifiedPhoneOf } from './session'

type Row = Record<string, unknown>
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v))

const Consents = ({ c, lang, rows }: { c: PageContext; lang: Lang; rows: Row[] }) => {
  return (
    <>
      <h2>{t(lang, 'mydata.consents')}</h2>
      {rows.length === 0 && <p class="meta">—</p>}
      <ul class="cards">
        {rows.map((x) => {
          const purpose = x.purpose as ConsentPurpose
          const medium = x.medium as ConsentMedium | null
          return (
            <li class="box">
              <h3>
                {CONSENT_PURPOSE_LABEL[purpose]?.[lang] ?? purpose}
                {medium ? `（${CONSENT_MEDIUM_LABEL[medium]?.[lang] ?? medium}）` : ''}
              </h3>
              <p class="meta">
                {t(lang, 'mydata.consent_given', {
                  day: formatDate(Number(x.givenAt), lang),
                  via:
                    CONSENT_CHANNEL_LABEL[x.givenVia as ConsentGivenVia]?.[lang] ?? str(x.givenVia),
                  version: str(x.noticeVersion),
                })}
              </p>
              {x.withdrawnAt ? (
                <p class="meta">
                  {t(lang, 'mydata.consent_withdrawn', {
                    day: formatDate(Number(x.withdrawnAt), lang),
                  })}
                </p>
              ) : (
                <form method="post" action={withLang(c, '/me/withdraw')}>
                  <input type="hidden" name="id" value={str(x.id)} />
                  <p class="hint">{WITHDRAWAL_EFFECT[purpose]?.[lang]}</p>
                  <button type="submit" class="alt">
                    {t(lang, 'mydata.withdraw')}
                  </button>
                </form>
              )}
            </li>
          )
        })}
      </ul>
    </>
  )
}

/** The section of /me listing what is stored under the phone, with the copy and deletion links. */
export const MyData = ({ c, lang, data }: { c: PageContext; lang: Lang; data: PhoneData }) => {
  const regs = (data.registrations as Row[]).filter((r) => r.name || r.childName)
  const topics = (data.topics as Row[]).filter((r) => r.name)
  const answered = data.formResponses as Row[]
  const volunteers = data.volunteers as Row[]
  const attendances = data.meetingAttendances as Row[]
  const messages = data.messages as Row[]
  const requests = data.requests as Row[]
  return (
    <section aria-labelledby="my-data">
      <h2 id="my-data">{t(lang, 'mydata.data_title')}</h2>
      <p>{t(lang, 'mydata.data_intro')}</p>
      {topics.length + regs.length + answered.length > 0 && (
        <ul>
          {topics.map((x) => (
            <li>
              {str(x.title)}
              {colon(lang)}
              {t(lang, 'mydata.topic_name', { name: str(x.name) })}
            </li>
          ))}
          {regs.map((x) => (
            <li>
              {str(x.activity)}
              {colon(lang)}
              {t(lang, Number(x.partySize) === 1 ? 'mydata.reg_detail_one' : 'mydata.reg_detail', {
                name: str(x.name) || '—',
                party: Number(x.partySize),
              })}
              {x.childName
                ? `${t(lang, 'common.list_semi')}${t(lang, 'mydata.child', { name: str(x.childName), age: str(x.childAge), relation: str(x.guardianRelation) })}`
                : ''}
            </li>
          ))}
          {answered.map((x) => {
            let n = 0
            try {
              n = Object.keys(JSON.parse(str(x.answers)) as object).length
            } catch {}
            return (
              <li>
                {str(x.form)}
                {colon(lang)}
                {t(lang, 'mydata.answers', { n })}
              </li>
            )
          })}
        </ul>
      )}
      {volunteers.length > 0 && (
        <>
          <h3>{t(lang, 'mydata.volunteers')}</h3>
          <ul>
            {volunteers.map((x) => (
              <li>{t(lang, 'mydata.volunteer_detail', { name: str(x.name) || '—' })}</li>
            ))}
          </ul>
        </>
      )}
      {attendances.length > 0 && (
        <>
          <h3>{t(lang, 'mydata.attendances')}</h3>
          <ul>
            {attendances.map((x) => (
              <li>
                {str(x.meeting)} · {formatDate(Number(x.startsAt), lang, true)}
              </li>
            ))}
          </ul>
        </>
      )}
      <Consents c={c} lang={lang} rows={data.consents as Row[]} />
      <h2>{t(lang, 'mydata.messages')}</h2>
      {messages.length === 0 && <p class="meta">—</p>}
      <ul>
        {messages.map((x) => (
          <li>
            {formatDate(Number(x.createdAt), lang, true)} ·{' '}
            {MESSAGE_TEMPLATE_LABEL[x.template as MessageTemplate]?.[lang] ?? str(x.template)} ·{' '}
            {CONSENT_MEDIUM_LABEL[x.medium as ConsentMedium]?.[lang] ?? str(x.medium)} ·{' '}
            {MESSAGE_STATUS_LABEL[x.status as MessageStatus]?.[lang] ?? str(x.status)}
          </li>
        ))}
      </ul>
      {requests.length > 0 && (
        <>
          <h2>{t(lang, 'mydata.requests')}</h2>
          <ul>
            {requests.map((x) => (
              <li>
                {t(lang, 'mydata.request_line', {
                  kind: PRIVACY_REQUEST_KIND_LABEL[x.kind as PrivacyRequestKind][lang],
                  status: PRIVACY_REQUEST_STATUS_LABEL[x.status as PrivacyRequestStatus][lang],
                  due: formatDate(Number(x.dueAt), lang),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t(lang, 'mydata.copy_title')}</h2>
      <p>
        <a class="tap" href={withLang(c, '/me/copy.csv')} download>
          {t(lang, 'mydata.copy_csv')}
        </a>
      </p>
      <p>
        <a class="tap" href={withLang(c, '/me/copy.json')} download>
          {t(lang, 'mydata.copy_json')}
        </a>
      </p>
      <p>
        <a class="tap" href={withLang(c, '/me/delete')}>
          {t(lang, 'mydata.delete_link')}
        </a>
      </p>
    </section>
  )
}

export const meDataPages = new Hono<AppEnv>()

/** The phone of this browser's /me session, or the page saying to verify again. */
const sessionOr = async (c: PageContext, lang: Lang) => {
  const phone = await verifiedPhoneOf(c)
  if (phone) return { phone }
  return {
    page: messagePage(c, {
      lang,
      status: 401,
      title: t(lang, 'mydata.delete_title'),
      body: t(lang, 'mydata.expired'),
      extra: (
        <a class="tap" href={withLang(c, '/me')}>
          {t(lang, 'mydata.back')}
        </a>
      ),
    }),
  }
}

const CSV_COLUMNS = [
  { key: 'section', label: '类别 Section' },
  { key: 'record', label: '序号 No.' },
  { key: 'field', label: '项目 Field' },
  { key: 'value', label: '内容 Value' },
]

/** The copy as a file: CSV (one line per stored value, opens in a spreadsheet) or JSON (as stored). */
const sendCopy = async (c: PageContext, format: 'csv' | 'json') => {
  const lang = langOf(c)
  const s = await sessionOr(c, lang)
  if (!s.phone) return s.page
  const data = await dataOfPhone(c.var.db, s.phone)
  const body =
    format === 'json'
      ? JSON.stringify(data, null, 2)
      : toCsv<CopyLine>(
          CSV_COLUMNS,
          copyLines(data as unknown as Parameters<typeof copyLines>[0], lang),
        )
  const name = `${t(lang, 'mydata.file_name')}-${formatDate(Date.now(), lang)}.${format}`
  return new Response(body, {
    headers: {
      'Content-Type':
        format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(name),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

meDataPages.get('/me/copy.csv', (c) => sendCopy(c, 'csv'))
meDataPages.get('/me/copy.json', (c) => sendCopy(c, 'json'))

meDataPages.post('/me/withdraw', async (c) => {
  const lang = langOf(c)
  const s = await sessionOr(c, lang)
  if (!s.phone) return s.page
  const id = Number((await readForm(c)).id)
  const purpose =
    Number.isInteger(id) && id > 0
      ? await withdrawOwnConsent(c.var.db, { id, phone: s.phone, via: 'web', at: Date.now() })
      : null
  const back = (
    <a class="tap" href={withLang(c, '/me')}>
      {t(lang, 'mydata.back')}
    </a>
  )
  if (!purpose)
    return notFound({ title: 'mydata.withdraw', body: 'mydata.withdraw_gone', extra: back })
  return messagePage(c, {
    lang,
    title: t(lang, 'mydata.withdrawn'),
    body: `${CONSENT_PURPOSE_LABEL[purpose][lang]}${colon(lang)}${WITHDRAWAL_EFFECT[purpose][lang]}`,
    extra: back,
  })
})

meDataPages.get('/me/delete', async (c) => {
  const lang = langOf(c)
  const s = await sessionOr(c, lang)
  if (!s.phone) return s.page
  const open = await openRequestOf(c.var.db, s.phone, 'deletion')
  if (open)
    return messagePage(c, {
      lang,
      title: t(lang, 'mydata.delete_title'),
      body: t(lang, 'mydata.delete_already', { id: open.id, due: formatDate(open.dueAt, lang) }),
      extra: <p>{t(lang, 'mydata.delete_after')}</p>,
    })
  return renderPage(
    c,
    { lang, title: t(lang, 'mydata.delete_title') },
    <>
      <h1>{t(lang, 'mydata.delete_title')}</h1>
      <p>{maskPhone(s.phone)}</p>
      <p>{t(lang, 'mydata.delete_what')}</p>
      <p>{t(lang, 'mydata.delete_when')}</p>
      <p>
        <a class="tap" href={withLang(c, '/me/copy.csv')} download>
          {t(lang, 'mydata.copy_csv')}
        </a>
      </p>
      <form method="post" action={withLang(c, '/me/delete')}>
        <button type="submit" class="wide">
          {t(lang, 'mydata.delete_confirm')}
        </button>
      </form>
      <a class="tap" href={withLang(c, '/me')}>
        {t(lang, 'mydata.delete_cancel')}
      </a>
    </>,
  )
})

meDataPages.post('/me/delete', async (c) => {
  const lang = langOf(c)
  const s = await sessionOr(c, lang)
  if (!s.phone) return s.page
  const db = c.var.db
  const open = await openRequestOf(db, s.phone, 'deletion')
  const at = Date.now()
  const row =
    open ??
    (await fileRequest(db, {
      townId: await townOfPhone(db, s.phone),
      phone: s.phone,
      kind: 'deletion',
      verifiedVia: 'code',
      note: '',
      at,
      dueAt: addWorkingDays(at, REQUEST_WORKING_DAYS),
      userId: null,
    }))
  const due = formatDate(row.dueAt, lang)
  return renderPage(
    c,
    { lang, title: t(lang, 'mydata.delete_done_title') },
    <>
      <h1>{t(lang, 'mydata.delete_done_title')}</h1>
      <p class="notice" role="status">
        {open
          ? t(lang, 'mydata.delete_already', { id: row.id, due })
          : t(lang, 'mydata.delete_done', { id: row.id, due })}
      </p>
      <p>{t(lang, 'mydata.delete_what')}</p>
      <p>{t(lang, 'mydata.delete_after')}</p>
      <a class="tap" href={withLang(c, '/me')}>
        {t(lang, 'mydata.back')}
      </a>
    </>,
  )
})
