// /r/<token>: the receipt, and the cancel confirmation.
import { formatDate, t, type Lang } from '../i18n'
import { Details, QrImage, type RegistrationContext } from './views'

/**
 * `/r/<token>`: the receipt. Says confirmed or the waitlist position, shows the check-in QR,
 * the calendar file and the way to cancel; volunteers see their code.
 */
export const ReceiptView = (p: {
  lang: Lang
  ctx: RegistrationContext
  checkinUrl: string
  volunteerCode: string | null
  flash?: 'cancelled'
  link: (path: string) => string
}) => {
  const { lang, ctx } = p
  const { reg } = ctx
  const base = `/r/${reg.token}`
  const live = reg.status === 'confirmed' || reg.status === 'waitlisted'
  const body =
    reg.status === 'confirmed'
      ? t(lang, reg.promotedAt ? 'rr.promoted' : 'rr.confirmed')
      : reg.status === 'waitlisted'
        ? t(lang, 'rr.waitlisted', { n: ctx.waitlistPosition ?? 1 })
        : reg.status === 'checked_in'
          ? t(lang, 'rr.checked_in', { time: formatDate(reg.checkedInAt ?? 0, lang, true) })
          : reg.status === 'cancelled'
            ? t(lang, p.flash === 'cancelled' ? 'rr.cancel_done' : 'rr.cancelled')
            : t(lang, 'rr.no_show')
  return (
    <>
      <h1>{t(lang, `rr.title_${reg.status}`)}</h1>
      <p class={reg.status === 'confirmed' ? 'notice' : undefined} role="status">
        {reg.status === 'confirmed' && reg.promotedAt && <>{t(lang, 'rr.promoted')} </>}
        {reg.status === 'confirmed' && reg.promotedAt ? t(lang, 'rr.confirmed') : body}
      </p>
      {ctx.activity.status === 'cancelled' && <p class="box summary">{t(lang, 'act.cancelled')}</p>}
      <Details lang={lang} ctx={ctx} />
      {reg.status === 'confirmed' && (
        <div class="box">
          <h2>{t(lang, 'rr.qr')}</h2>
          <QrImage text={p.checkinUrl} title={t(lang, 'rr.qr')} />
          <p class="hint">{t(lang, 'rr.qr_hint')}</p>
        </div>
      )}
      {live && <p class="hint">{t(lang, 'rr.keep')}</p>}
      {p.volunteerCode && (
        <div class="box">
          <h2>{t(lang, 'rr.volunteer_code')}</h2>
          <p class="code">{p.volunteerCode}</p>
          <p class="hint">{t(lang, 'rr.volunteer_hint')}</p>
          <a class="tap" href={p.link('/v')}>
            {t(lang, 'rr.volunteer_link')}
          </a>
        </div>
      )}
      {live && (
        <div class="row">
          <a class="btn alt" href={`${base}/calendar.ics`} download="activity.ics">
            {t(lang, 'rr.ics')}
          </a>
          <a class="btn alt" href={p.link(`${base}/cancel`)}>
            {t(lang, 'rr.cancel')}
          </a>
        </div>
      )}
      <p>
        <a class="tap" href={p.link(`/a/${ctx.activity.slug}`)}>
          {t(lang, 'reg.back')}
        </a>
      </p>
    </>
  )
}

/** `/r/<token>/cancel`: the confirmation step; the POST carries `confirm=yes`. */
export const CancelConfirm = (p: {
  lang: Lang
  ctx: RegistrationContext
  action: string
  back: string
}) => (
  <>
    <h1>{t(p.lang, 'rr.cancel_title')}</h1>
    <p>{t(p.lang, 'rr.cancel_body')}</p>
    <Details lang={p.lang} ctx={p.ctx} />
    <form method="post" action={p.action}>
      <input type="hidden" name="confirm" value="yes" />
      <button class="wide" type="submit">
        {t(p.lang, 'rr.cancel_confirm')}
      </button>
    </form>
    <a class="btn alt wide" href={p.back}>
      {t(p.lang, 'rr.cancel_keep')}
    </a>
  </>
)
