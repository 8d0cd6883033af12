import { startTransition, useEffect, useState } from 'react'

// A page load that opens a screen straight away (a bookmark, a reload) first shows that screen's
// main content, then the parts around it; see useSecondary.
let waiting = false
let shown = false
const listeners = new Set<() => void>()

/**
 * Called by main.tsx when the page loads on a screen whose main content should come first: the
 * parts using useSecondary then wait until that content is shown (mainContentShown), at most
 * `maxMs` (so an error or an empty answer cannot keep them away).
 */
export const awaitMainContent = (maxMs = 2_000) => {
  waiting = true
  setTimeout(mainContentShown, maxMs)
}

/** The screen's main content is on the page (e.g. the topic grid has its first answer). */
export const mainContentShown = () => {
  if (shown) return
  shown = true
  for (const show of listeners) show()
}

/**
 * False until the page's main content is shown, then true (rendered at transition priority): for
 * the parts of a screen that may appear a moment later (the side menu, the filter bar, queries
 * for what the main content can show without, like channel labels). On a cold page load the
 * browser's main thread is the bottleneck, and these parts took about a quarter of it before the
 * topic grid's first rows; this way it goes to what staff came for first. Without a pending
 * awaitMainContent (any navigation after the first screen) it is true at once.
 * @example const ready = useSecondary(); return ready ? <Filters /> : <SameSizePlaceholder />
 */
export const useSecondary = () => {
  const [ready, setReady] = useState(() => !waiting || shown)
  useEffect(() => {
    if (ready) return
    const show = () => startTransition(() => setReady(true))
    if (shown) return show()
    listeners.add(show)
    return () => void listeners.delete(show)
  }, [ready])
  return ready
}
