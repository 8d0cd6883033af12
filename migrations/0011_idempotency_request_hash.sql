-- An idempotency key means one request: the key is stored with the SHA-256 of the request it
-- was first used for (worker/lib/idempotency.ts `requestHash`), and the key reused with a
-- different request answers 422 instead of the first result. Keys stored before this have no
-- hash and replay as before.
ALTER TABLE idempotency_keys ADD COLUMN request_hash TEXT;
