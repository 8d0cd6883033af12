import { createElement, memo, useEffect, useState, type ComponentType, type ReactNode } from 'react'
import { Loading } from 'react-admin'

type Loader<P> = () => Promise<{ default: ComponentType<P> }>

/**
 * A component loaded on demand, like `React.lazy`, with a `preload()` to start the download
 * early, and without Suspense: once the module is there it renders directly, before that it
 * renders `fallback`, and the module's arrival is an ordinary state update. That is for the
 * screen a page load opens: `lazy` suspends on its first render even when the chunk is already
 * loaded, and React 19 then holds the revealed content until 300 ms after the fallback appeared,
 * per Suspense boundary on the way. A failed download is thrown to the nearest error boundary.
 * It is memoized: rendered without props (a resource's list, the topic grid), it does not render
 * again whenever the parts around it do.
 * @example
 * const TopicGrid = preloadable(() => import('./TopicGrid'), <LinearProgress />)
 * void TopicGrid.preload() // start the download now
 */
export const preloadable = <P extends object>(load: Loader<P>, fallback: ReactNode = null) => {
  let loaded: ComponentType<P> | undefined
  let pending: ReturnType<Loader<P>> | undefined
  const preload = () =>
    (pending ??= load().then((module) => {
      loaded = module.default
      return module
    }))
  // Like React.lazy, this runs once per screen at module scope, never while rendering: each
  // screen keeps one component type, which is what the rule protects.
  // biome-ignore lint/correctness/noComponentHookFactories: a lazy-component factory (see above)
  const Preloadable = memo((props: P) => {
    const [failed, setFailed] = useState<unknown>(null)
    const [, setArrived] = useState(false)
    useEffect(() => {
      if (!loaded) preload().then(() => setArrived(true), setFailed)
    }, [])
    if (failed) throw failed
    return loaded ? createElement(loaded, props) : fallback
  })
  return Object.assign(Preloadable, { preload })
}

/**
 * A resource screen loaded on first use: `preloadable` with react-admin's loading page as the
 * fallback. Used instead of `React.lazy` for every screen: with lazy, opening a second screen
 * while the first one's chunk was still loading (a quick click on 新建 after opening a list)
 * could leave the page on 加载中 for good, when the second screen's chunk imports a shared one.
 * @example const GridList = lazyScreen(() => import('./GridList'))
 */
export const lazyScreen = (load: () => Promise<{ default: ComponentType }>) =>
  preloadable(load, createElement(Loading))
