// For staff: a channel's QR code as SVG (`/q/<code>/qr.svg`) and a printable A4 poster
// (`/q/<code>/poster`) with the QR, the place and three plain steps. The QR holds the absolute
// URL of `/q/<code>` on the host that served it.
import { Hono } from 'hono'
import { raw } from 'hono/html'
import type { AppEnv } from '../env'
import { qrSvg } from '../lib/qr'
import { channelByCode } from '../db/queries/needs'
import { langOf, t } from './i18n'
import { messagePage, securityHeaders } from './layout'
import type { PageContext } from './common'

const POSTER_CSS = `@page{size:A4;margin:14mm}*{box-sizing:border-box}html{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#111;background:#fff}body{margin:0 auto;max-width:182mm;text-align:center}h1{font-size:34pt;line-height:1.2;margin:6mm 0 3mm}.place{font-size:18pt;margin:0 0 4mm}.qr{display:block;width:110mm;height:110mm;margin:0 auto}.qr svg{width:100%;height:100%}ol{text-align:left;font-size:16pt;line-height:1.6;margin:6mm auto;max-width:150mm}.url{font:13pt ui-monospace,monospace;word-break:break-all;margin:2mm 0}.foot{font-size:13pt}.screen{background:#e9f0f8;padding:.75rem;font-size:16px}@media print{.screen{display:none}}`

const channelOf = async (c: PageContext) => {
  const code = (c.req.param('code') ?? '').replace(/[\s-]/g, '').toUpperCase()
  return /^[A-Z0-9]{4,16}$/.test(code) ? channelByCode(c.var.db, code) : undefined
}

const formUrl = (c: PageContext, code: string) => `${new URL(c.req.url).origin}/q/${code}`

const notFound = (c: PageContext) => {
  const lang = langOf(c)
  return messagePage(c, {
    lang,
    status: 404,
    title: t(lang, 'common.not_found_title'),
    body: t(lang, 'common.not_found_body'),
  })
}

export const poster = new Hono<AppEnv>()

poster.get('/q/:code/qr.svg', async (c) => {
  const channel = await channelOf(c)
  if (!channel) return notFound(c)
  return c.body(qrSvg(formUrl(c, channel.code), { title: channel.label }), 200, {
    'Content-Type': 'image/svg+xml; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'public, max-age=86400',
  })
})

poster.get('/q/:code/poster', async (c) => {
  const channel = await channelOf(c)
  if (!channel) return notFound(c)
  const lang = langOf(c)
  const nonce = securityHeaders(c)
  const url = formUrl(c, channel.code)
  return c.html(
    <>
      {raw('<!doctype html>')}
      <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title>{`${channel.neighborhoodName} · ${channel.label}`}</title>
          <style nonce={nonce} dangerouslySetInnerHTML={{ __html: POSTER_CSS }} />
        </head>
        <body>
          <main>
            <p class="screen">{t(lang, 'poster.print')}</p>
            <h1>{t(lang, 'poster.heading')}</h1>
            <p class="place">
              {channel.neighborhoodName} · {channel.label}
            </p>
            <div class="qr">{raw(qrSvg(url, { title: t(lang, 'poster.step1') }))}</div>
            <p class="url">{url}</p>
            <ol>
              <li>{t(lang, 'poster.step1')}</li>
              <li>{t(lang, 'poster.step2')}</li>
              <li>{t(lang, 'poster.step3')}</li>
            </ol>
            <p class="foot">{t(lang, 'poster.footer')}</p>
          </main>
        </body>
      </html>
    </>,
  )
})
