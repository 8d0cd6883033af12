// Notifications for staff and for providers: the message list (per record, failed), settings and
// templates per town, each staff user's own digest contact, and the providers' webhooks (SMS
// replies, delivery reports).
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { staffDigestApi } from './digest'
import { messagesApi } from './messages'
import { notificationSettingsApi } from './settings'
import { notificationTemplatesApi } from './templates'
import { smsReplyApi } from './sms-reply'
import { smsReportApi } from './sms-report'

export const notificationsApi = new Hono<AppEnv>()
  .route('/messages', messagesApi)
  .route('/notification-settings', notificationSettingsApi)
  .route('/notification-templates', notificationTemplatesApi)
  .route('/notification-staff', staffDigestApi)
  .route('/notifications/sms-reply', smsReplyApi)
  .route('/notifications/sms-report', smsReportApi)
