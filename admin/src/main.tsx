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
if (/^#\/topics\/?(\?|$)/.test(window.location.hash)) {
  preloadTopicList()
  awaitMainContent()
}
// The same for a programme's matrix (its screen, and the matrix itself).
const programme = /^#\/programmes\/(\d+)\/show/.exec(window.location.hash)
if (programme) {
  preloadProgrammeShow(Number(programme[1]))
  awaitMainContent()
}

// Nothing but a loading page could render before the session is known; index.html asked for it
// before the scripts loaded, so this rarely waits. (Not a top-level await: that would make the
// bundler split the modules the entry shares with lazy screens into extra startup requests.)
void Promise.resolve(window.__jushouMe).then((me) => {
  seedAuth(me)
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
})
