import {
  EXPORT_PURPOSES,
  type ExportPurpose,
  REVEAL_PURPOSES,
  type RevealPurpose,
} from '@domain/vocabulary'

/**
 * What an access-log entry's `after` JSON says, for its line on screen: a reveal's purpose (one of
 * REVEAL_PURPOSES) or an export's (EXPORT_PURPOSES), else null; an export's row count; a stated
 * reason. Unreadable JSON says nothing.
 * @example describeEntry({ action: 'reveal', after: '{"purpose":"callback","field":"phone"}' }) // { purpose: 'revealPurpose.callback', rows: null, reason: null }
 */
export const describeEntry = (e: { action: string; after: string | null }) => {
  let after: Record<string, unknown> = {}
  try {
    const parsed = e.after ? (JSON.parse(e.after) as unknown) : {}
    if (parsed && typeof parsed === 'object') after = parsed as Record<string, unknown>
  } catch {
    // An entry written by hand or by an older version: shown without details.
  }
  const purpose =
    e.action === 'reveal' && REVEAL_PURPOSES.includes(after.purpose as RevealPurpose)
      ? `revealPurpose.${after.purpose}`
      : e.action === 'export' && EXPORT_PURPOSES.includes(after.purpose as ExportPurpose)
        ? `exportPurpose.${after.purpose}`
        : null
  return {
    purpose,
    rows: typeof after.rows === 'number' ? after.rows : null,
    reason: typeof after.reason === 'string' && after.reason ? after.reason : null,
  }
}
