import { lazy } from 'react'
import TopicIcon from '@mui/icons-material/PanTool'
import type { Topic } from './types'

// Each screen is its own chunk: the data grid (~100 KB gzipped) loads with the list, not the login.
const loadList = () => import('./TopicList')
const list = lazy(loadList)
const show = lazy(() => import('./TopicShow'))
const edit = lazy(() => import('./TopicEdit'))
const create = lazy(() => import('./TopicCreate'))

export default {
  list,
  show,
  edit,
  create,
  icon: TopicIcon,
  recordRepresentation: (record: Topic) => `#${record.id} ${record.title}`,
}

/** Starts downloading the topic list and its data grid before react-admin asks for them. */
export const preloadTopicList = () => void Promise.all([loadList(), import('./TopicGrid')])
