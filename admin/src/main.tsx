import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import App from './App'
import { awaitMainContent } from './lib/useSecondary'
import { seedAuth } from './queryClient'
import { preloadTopicList } from './resources/topics'
import { preloadProgrammeShow } from './resources/programmes'

// Opening the topic grid directly (a bookmark, a reload): fetch its chunks and first page while
// the session check and the first render run, instead of after them, and show the grid before
// the menu and filter bar (see useSecondary).
let screen: Promise<unknown> | undefined
if (/^#\/topics\/?(\?|$)/.test(window.location.hash)) {
  screen = preloadTopicList()
  awaitMainContent()
}
// The same for a programme's matrix (its screen, and the matrix itself).
const programme = /^#\/programmes\/(\d+)\/show/.exec(window.location.hash)
if (programme) {
  screen = preloadProgrammeShow(Number(programme[1]))
  awaitMainContent()
}

/**
 * Signed in on a screen that loads its own chunks: the first render waits for them (at most
 * SCREEN_WAIT_MS), so that it draws the screen itself, not the shell around a placeholder and
 * then everything again: on a cold load the main thread is the bottleneck, and the placeholder
 * pass cost it ~150 ms. A failed download renders anyway; the screen then shows its error.
 */
const SCREEN_WAIT_MS = 1_500
const screenLoaded = () =>
  screen &&
  Promise.race([
    screen.catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, SCREEN_WAIT_MS)),
  ])

// Nothing but a loading page could render before the session is known; index.html asked for it
// before the scripts loaded, so this rarely waits. (Not a top-level await: that would make the
// bundler split the modules the entry shares with lazy screens into extra startup requests.)
void Promise.resolve(window.__jushouMe)
  .then(async (me) => {
    if (me) await screenLoaded()
    return me
  })
  .then((me) => {
    seedAuth(me)
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    )
  })
