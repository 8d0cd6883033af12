import { useLayoutEffect, useRef } from 'react'

/**
 * The height a screen's main box starts with, before it is measured: the window less the app bar
 * (48 px) and one toolbar row (64 px) above it, and a margin below: where the topic grid starts
 * when the filter bar holds one row, so the first render already has its final size.
 */
export const FILL_HEIGHT_GUESS = 'max(320px, calc(100vh - 120px))'

/**
 * Makes the element it is given fill the window from where it starts down to the window's
 * bottom (less `margin`, at least `min` px), and keeps it so when the window is resized or what
 * is above it changes height (filters added, a bulk bar shown). Sets the element's style, so no
 * re-render; render it with `height: FILL_HEIGHT_GUESS` until then.
 * @example const ref = useFillHeight<HTMLDivElement>(); <Box ref={ref} sx={{ height: FILL_HEIGHT_GUESS }} />
 */
export const useFillHeight = <T extends HTMLElement>(min = 320, margin = 8) => {
  const ref = useRef<T>(null)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const fitToWindow = () => {
      const top = el.getBoundingClientRect().top + window.scrollY
      const height = `${Math.max(min, Math.floor(window.innerHeight - top - margin))}px`
      if (el.style.height !== height) el.style.height = height
    }
    fitToWindow()
    // the page's height changes whenever something above the element does
    const observer = new ResizeObserver(fitToWindow)
    observer.observe(document.body)
    window.addEventListener('resize', fitToWindow)
    return () => {
      observer.disconnect()
      window.removeEventListener('resize', fitToWindow)
    }
  }, [min, margin])
  return ref
}
