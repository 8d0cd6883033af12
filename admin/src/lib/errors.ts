type ServerBody = { code?: string; message?: string; errors?: Record<string, string> }

/**
 * The words to show for a failed API call: the server's message, then its per-field or per-id
 * errors (a bulk move names each refused topic), at most `max` of them.
 * @example notify(errorText(e), { type: 'error' })  // '有议题不能受理：#12 已合并，不能受理'
 */
export const errorText = (error: unknown, max = 5) => {
  const e = error as { message?: string; body?: ServerBody } | undefined
  const message = e?.body?.message ?? e?.message ?? String(error)
  const errors = Object.entries(e?.body?.errors ?? {})
  if (!errors.length) return message
  const details = errors
    .slice(0, max)
    .map(([key, text]) => (/^\d+$/.test(key) ? `#${key} ${text}` : text))
  const more = errors.length > max ? ` …(+${errors.length - max})` : ''
  return `${message}：${details.join('；')}${more}`
}

/**
 * `notify()` options that show an already-translated server text as-is (no missing-key warning).
 * @example notify(text, asIs(text, 'error'))
 */
export const asIs = (text: string, type: 'error' | 'info' | 'success' | 'warning' = 'info') => ({
  type,
  messageArgs: { _: text },
})
