import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import App from './App'
import { preloadTopicList } from './resources/topics'

// Opening the topic grid directly (a bookmark, a reload): fetch its chunks while the session check
// and the first render run, instead of after them.
if (/^#\/topics\/?(\?|$)/.test(window.location.hash)) preloadTopicList()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
