import { fetchUtils } from 'react-admin'

declare global {
  interface Window {
    /** GETs index.html started before the scripts loaded, by URL (see takeEarly). */
    __jushouEarly?: Record<string, Promise<Response | null> | undefined>
  }
}

/**
 * The response of a GET that index.html started for this page load (a programme's record and
 * matrix when the page opens on it), once: later calls for the same URL fetch again.
 */
const takeEarly = (url: string) => {
  const early = typeof window === 'undefined' ? undefined : window.__jushouEarly
  const response = early?.[url]
  if (response) delete early[url]
  return response
}

/**
 * `fetchUtils.fetchJson` with the session cookie, answered from index.html's early request for
 * the same URL when there is one (a plain GET only). An early answer that is not a 2xx JSON
 * body is dropped and the request made again, so errors come as react-admin's HttpError.
 * @example const { json } = await fetchJson('/api/programmes/7/matrix')
 */
export const fetchJson = async (url: string, options: fetchUtils.Options = {}) => {
  const early = !options.method || options.method === 'GET' ? takeEarly(url) : undefined
  if (early) {
    try {
      const response = await early
      const body = response?.ok ? await response.text() : null
      if (response && body !== null)
        return { status: response.status, headers: response.headers, body, json: JSON.parse(body) }
    } catch {}
  }
  return fetchUtils.fetchJson(url, { ...options, credentials: 'same-origin' })
}
