// The printable A4 poster every QR point, activity and form shares: a big heading, a few lines
// (place, time, description), the QR code, the address in words, the committee's name and phone
// for those who cannot scan, and optional steps and a footnote. Several posters print as one
// page each (批量打印). Also the QR code alone as SVG, for staff to print elsewhere.
import type { Context } from 'hono'
import { raw } from 'hono/html'
import { qrSvg } from '../lib/qr'
import { htmlLang, t, type Lang } from './i18n'
import { securityHeaders } from './layout'

const POSTER_CSS = `@page{size:A4;margin:14mm}*{box-sizing:border-box}html{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#111;background:#fff}body{margin:0 auto;max-width:182mm;text-align:center}h1{font-size:30pt;line-height:1.2;margin:6mm 0 3mm}.sub{font-size:17pt;margin:0 0 3mm;white-space:pre-line}.qr{display:block;width:110mm;height:110mm;margin:0 auto}.qr svg{width:100%;height:100%}.call{font-size:24pt;font-weight:700;margin:5mm 0 2mm}.open{margin:2mm 0}.url{font:13pt ui-monospace,monospace;word-break:break-all}ol{text-align:left;font-size:15pt;line-height:1.6;margin:5mm auto;max-width:150mm}.foot{font-size:13pt}.contact{font-size:16pt;margin:4mm 0 2mm}.tel{font-weight:700;white-space:nowrap}.screen{background:#e9f0f8;padding:.75rem;font-size:16px}.poster{break-after:page;page-break-after:always}.poster:last-child{break-after:auto;page-break-after:auto}@media screen{.poster+.poster{border-top:2px dashed #999;margin-top:8mm}}@media print{.screen{display:none}}`

export type PosterProps = {
  lang: Lang
  /** The big line at the top: a call to residents, or the activity's or form's title. */
  heading: string
  /** The document title (a printout's header); the heading when omitted. */
  title?: string
  /** Short lines under the heading: the place, the time, a description. Empty ones are left out. */
  lines?: (string | null | undefined | false)[]
  /** The absolute address the QR code holds. */
  url: string
  /** What to do with the QR code ("扫码报名"), under it. */
  call?: string
  steps?: string[]
  foot?: string
  /** Whom residents who cannot scan may call: the committee's name and phone (none: no line). */
  contact?: PosterContact | null
}

export type PosterContact = { committee: string; phone: string }

/**
 * The committee of a neighborhood and its phone, for a poster; null without a phone.
 * @example contactOf(lang, channel.neighborhoodName, channel.contactPhone)
 */
export const contactOf = (lang: Lang, neighborhood: string, phone: string | null | undefined) =>
  phone ? { committee: t(lang, 'poster.committee', { name: neighborhood }), phone } : null

/** One poster: an A4 page of its own when printed with others. */
const Poster = ({ p }: { p: PosterProps }) => {
  const { lang } = p
  return (
    <section class="poster">
      <h1>{p.heading}</h1>
      {p.lines?.filter(Boolean).map((line) => (
        <p class="sub">{line}</p>
      ))}
      <div class="qr">{raw(qrSvg(p.url, { title: p.call ?? p.heading }))}</div>
      {p.call && <p class="call">{p.call}</p>}
      <p class="open">
        {t(lang, 'poster.or_open')} <span class="url">{p.url}</span>
      </p>
      {p.contact && (
        <p class="contact">
          {t(lang, 'poster.contact', { committee: p.contact.committee })}
          <span class="tel">{p.contact.phone}</span>
        </p>
      )}
      {p.steps && (
        <ol>
          {p.steps.map((step) => (
            <li>{step}</li>
          ))}
        </ol>
      )}
      {p.foot && <p class="foot">{p.foot}</p>}
    </section>
  )
}

/**
 * The A4 poster page with its security headers (the one inline stylesheet by nonce).
 * @example return renderPoster(c, { lang, heading: form.title, url, call: t(lang, 'form.scan') })
 */
export const renderPoster = (c: Context, p: PosterProps) =>
  renderPosters(c, { lang: p.lang, title: p.title ?? p.heading, note: t(p.lang, 'poster.print') }, [
    p,
  ])

/**
 * Several posters in one page, each printed on its own A4 sheet; `note` shows on screen only.
 * @example return renderPosters(c, { lang, title, note }, points.map(toPoster))
 */
export const renderPosters = (
  c: Context,
  page: { lang: Lang; title: string; note: string },
  posters: PosterProps[],
) => {
  const nonce = securityHeaders(c)
  return c.html(
    <>
      {raw('<!doctype html>')}
      <html lang={htmlLang(page.lang)}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title>{page.title}</title>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant stylesheet */}
          <style nonce={nonce} dangerouslySetInnerHTML={{ __html: POSTER_CSS }} />
        </head>
        <body>
          <main>
            <p class="screen">{page.note}</p>
            {posters.map((p) => (
              <Poster p={p} />
            ))}
          </main>
        </body>
      </html>
    </>,
  )
}

/**
 * The QR code of `url` alone, as an SVG download.
 * @example return qrResponse(c, `${origin}/a/${activity.slug}`, activity.title)
 */
export const qrResponse = (c: Context, url: string, title: string) =>
  c.body(qrSvg(url, { title }), 200, {
    'Content-Type': 'image/svg+xml; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'public, max-age=3600',
  })
