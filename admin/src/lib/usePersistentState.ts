import { useCallback, useState } from 'react'

const read = <T>(key: string | null, fallback: T): T => {
  if (!key) return fallback
  try {
    const raw = localStorage.getItem(key)
    return raw === null ? fallback : (JSON.parse(raw) as T)
  } catch {
    return fallback
  }
}

/**
 * useState kept in localStorage under `key` (null = not yet known, e.g. before the user loads:
 * the fallback is used and nothing is written). Changing `key` reloads the value.
 * @example const [hidden, setHidden] = usePersistentState(`jushou.topics.columns.u${me?.id}`, {})
 */
export const usePersistentState = <T>(key: string | null, fallback: T) => {
  const [value, setValue] = useState<T>(() => read(key, fallback))
  const [loadedKey, setLoadedKey] = useState(key)
  // A new key reloads during render (React's pattern for state that follows a prop), so no
  // render shows the previous key's value, and no effect has to watch `fallback`.
  if (key !== loadedKey) {
    setLoadedKey(key)
    setValue(read(key, fallback))
  }
  const set = useCallback(
    (next: T) => {
      setValue(next)
      if (key) localStorage.setItem(key, JSON.stringify(next))
    },
    [key],
  )
  return [value, set] as const
}
