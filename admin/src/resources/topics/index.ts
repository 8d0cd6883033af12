import { createElement } from 'react'
import { Loading } from 'react-admin'
import TopicIcon from '@mui/icons-material/PanTool'
import { lazyScreen, preloadable } from '../../lib/preloadable'
import { prefetchList } from '../../queryClient'
import { LOOKUP_LISTS } from './lookups'
import type { Topic } from './types'
import { firstListParams, type StoredListParams } from './views'

// Each screen is its own chunk: the data grid (~150 KB gzipped) loads with the list, not the login.
const list = preloadable(() => import('./TopicList'), createElement(Loading))
const show = lazyScreen(() => import('./TopicShow'))
const edit = lazyScreen(() => import('./TopicEdit'))
const create = lazyScreen(() => import('./TopicCreate'))

export default {
  list,
  show,
  edit,
  create,
  icon: TopicIcon,
  recordRepresentation: (record: Topic) => `#${record.id} ${record.title}`,
}

/**
 * For a page load that opens the topic grid: starts downloading the list and its data grid before
 * react-admin asks for them, so both render at once instead of suspending (see preloadable; the
 * grid's chunk is requested here too, not only by TopicList once that has arrived, so the two
 * downloads run side by side), and starts the first page of topics and the names of categories
 * and neighborhoods, which then arrive while the shell renders (see prefetchList). Resolves when
 * both screen modules are loaded.
 */
export const preloadTopicList = () => {
  void import('./TopicGrid')
  const screen = (async () => {
    await list.preload()
    const { preloadTopicGrid } = await import('./TopicList')
    return preloadTopicGrid()
  })()
  // with list params in the URL, react-admin's own request goes out instead
  if (!location.hash.includes('?')) prefetchList('topics', firstListParams(storedListParams()))
  prefetchList('categories', LOOKUP_LISTS.categories)
  prefetchList('neighborhoods', LOOKUP_LISTS.neighborhoods)
  return screen
}

/** The list params react-admin stored on the last visit (its default localStorage store). */
const storedListParams = (): StoredListParams | null => {
  try {
    return JSON.parse(localStorage.getItem('RaStore.topics.listParams') ?? 'null')
  } catch {
    return null
  }
}
