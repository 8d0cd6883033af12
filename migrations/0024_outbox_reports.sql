-- Delivery reports (issue #16): the SMS providers' status callbacks name a message by the id
-- their SendSms answered (阿里云 BizId, 腾讯云 SerialNo), stored as outbox.provider_message_id;
-- worker/db/queries/notify/reports.ts finds the row by it.
CREATE INDEX outbox_provider_message ON outbox(provider, provider_message_id)
  WHERE provider_message_id IS NOT NULL;
