// /c/<code>: what a scanned check-in QR opens.
import { maskPhone } from '../../domain/masking'
import { t, type Lang } from '../i18n'
import { type RegistrationContext, sessionName, statusText } from './views'

/**
 * `/c/<code>`: what a scanned check-in QR opens. Staff (signed in, in scope) get the registration
 * and a check-in button; anyone else only a note to show it to staff.
 */
export const CheckinView = (p: {
  lang: Lang
  ctx: RegistrationContext
  staff: boolean
  action: string
  message?: { ok: boolean; text: string }
  listUrl?: string
  /** Where a staff member signs in to come back here. */
  signInUrl: string
}) => {
  const { lang, ctx } = p
  return (
    <>
      <h1>{t(lang, 'ci.title')}</h1>
      {p.message && (
        <p class={p.message.ok ? 'notice' : 'box summary'} role={p.message.ok ? 'status' : 'alert'}>
          {p.message.text}
        </p>
      )}
      <p class="meta">
        {ctx.activity.title} · {sessionName(ctx.session, lang)}
      </p>
      {!p.staff ? (
        <>
          <p>{t(lang, 'ci.show_staff')}</p>
          <p class="hint">{t(lang, 'ci.staff_login')}</p>
          <a class="tap" href={p.signInUrl}>
            {t(lang, 'ci.login')}
          </a>
        </>
      ) : (
        <>
          <div class="box">
            <h2>{ctx.reg.name}</h2>
            <p>
              {maskPhone(ctx.reg.phone)} · {t(lang, 'rr.party_n', { n: ctx.reg.partySize })}
            </p>
            <p>
              <span class="tag">{statusText(lang, ctx.reg.status)}</span>
            </p>
          </div>
          {ctx.reg.status === 'confirmed' && (
            <form method="post" action={p.action}>
              <button class="wide" type="submit">
                {t(lang, 'ci.button')}
              </button>
            </form>
          )}
          {p.listUrl && (
            <a class="tap" href={p.listUrl}>
              {t(lang, 'ci.back')}
            </a>
          )}
        </>
      )}
    </>
  )
}
