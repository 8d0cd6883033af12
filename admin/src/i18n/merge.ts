type Messages = { [key: string]: string | Messages }

/** Deep-merges message trees: react-admin's own, ours, and each resource folder's `i18n.ts`. */
export const mergeMessages = (...parts: object[]): Messages => {
  const out: Messages = {}
  for (const part of parts)
    for (const [key, value] of Object.entries(part)) {
      const prev = out[key]
      out[key] =
        typeof value === 'object' && value !== null && typeof prev === 'object'
          ? mergeMessages(prev, value)
          : (value as string | Messages)
    }
  return out
}
