import { useCallback, useEffect, useState } from 'react'

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
  useEffect(() => {
    if (key !== loadedKey) {
      setValue(read(key, fallback))
      setLoadedKey(key)
    }
    // fallback is a default for the first read only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, loadedKey])
  const set = useCallback(
    (next: T) => {
      setValue(next)
      if (key) localStorage.setItem(key, JSON.stringify(next))
    },
    [key],
  )
  return [value, set] as const
}

export default usePersistentState
