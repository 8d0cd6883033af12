import type { DrizzleD1Database } from 'drizzle-orm/d1'
import type * as schema from './db/schema'
import type { CurrentUser } from './lib/auth'
import type { SmtpConnect } from './lib/providers/smtp'

export type Db = DrizzleD1Database<typeof schema>

/** The one Hono environment type: bindings from `wrangler types`, per-request variables. */
export type AppEnv = {
  Bindings: Env
  Variables: {
    db: Db
    /** Set by `requireUser` on staff routes. */
    user: CurrentUser
  }
}

// Notification providers (README, Notifications): secrets and vars a deployment may set. Each is
// optional; a provider exists only when its credentials are all present (lib/providers/index.ts).
declare global {
  namespace Cloudflare {
    interface Env {
      /** The secret in the SMS reply webhook's URL (/api/notifications/sms-reply?key=…); unset: no webhook. */
      SMS_REPLY_KEY?: string
      /** The secret in the delivery report webhooks' URL (/api/notifications/sms-report/<aliyun|tencent>?key=…); unset: none. */
      SMS_REPORT_KEY?: string
      /** Which SMS provider sends when both are configured: 'aliyun' | 'tencent'. */
      SMS_PROVIDER?: string
      /** Provider-side template id of the one-time code SMS (one parameter: the code). */
      SMS_OTP_TEMPLATE_ID?: string
      ALIYUN_SMS_ACCESS_KEY_ID?: string
      ALIYUN_SMS_ACCESS_KEY_SECRET?: string
      ALIYUN_SMS_SIGN_NAME?: string
      /** Default https://dysmsapi.aliyuncs.com (tests point it at a stand-in). */
      ALIYUN_SMS_ENDPOINT?: string
      TENCENT_SMS_SECRET_ID?: string
      TENCENT_SMS_SECRET_KEY?: string
      TENCENT_SMS_SDK_APP_ID?: string
      TENCENT_SMS_SIGN_NAME?: string
      /** Default ap-guangzhou. */
      TENCENT_SMS_REGION?: string
      /** Default https://sms.tencentcloudapi.com. */
      TENCENT_SMS_ENDPOINT?: string
      /** Cloudflare Email Routing `send_email` binding, with the verified sender address. */
      EMAIL?: SendEmail
      EMAIL_FROM?: string
      /** The sender's display name in emails, e.g. 举手 · 某某居委会. */
      EMAIL_FROM_NAME?: string
      /** SMTP relay instead of (or without) the binding: host, port, user, password. */
      SMTP_HOST?: string
      SMTP_PORT?: string
      SMTP_USER?: string
      SMTP_PASSWORD?: string
      /** 'implicit' (TLS from the start, port 465), 'starttls' (587) or 'none' (local relay only). */
      SMTP_SECURITY?: string
      /** How the Node home opens SMTP sockets (server/smtp-socket.ts); unset on Workers. */
      SMTP_CONNECT?: SmtpConnect
      WECHAT_APP_ID?: string
      WECHAT_APP_SECRET?: string
      /** Default https://api.weixin.qq.com. */
      WECHAT_API_BASE?: string
      /** Retention (domain/privacy/retention.ts, docs/privacy.md): whole days or hours; unset or
       * out of bounds, the default. */
      RETENTION_TOPIC_CONTACT_DAYS?: string
      RETENTION_REGISTRATION_DAYS?: string
      RETENTION_FORM_DAYS?: string
      RETENTION_CHILD_DAYS?: string
      RETENTION_ATTENDEE_DAYS?: string
      RETENTION_CODE_HOURS?: string
      RETENTION_RATE_LIMIT_HOURS?: string
      RETENTION_SESSION_DAYS?: string
      RETENTION_IDEMPOTENCY_HOURS?: string
      /** Who residents write to about their personal data (the privacy page). */
      PRIVACY_CONTACT?: string
      /** Mini-program state for subscribeMessage.send: 'formal' (default) | 'trial' | 'developer'. */
      WECHAT_MINIPROGRAM_STATE?: string
    }
  }
}
