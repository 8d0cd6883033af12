import { lazy, Suspense } from 'react'
import { Box, Card, LinearProgress } from '@mui/material'
import { CreateButton, FilterButton, List, TopToolbar } from 'react-admin'
import BulkBar from './BulkBar'
import { useTopicLookups } from './lookups'
import ExportButtons from './ExportButtons'
import { topicFilters } from './topicFilters'
import { DEFAULT_SORT } from './views'

// The data grid is its own chunk: the list (and its first GET /api/topics) mounts while the grid's
// code still downloads and compiles, instead of after it.
export const loadTopicGrid = () => import('./TopicGrid')
const TopicGrid = lazy(loadTopicGrid)

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <ExportButtons />
    <CreateButton />
  </TopToolbar>
)

/** 议题 triage: filter bar, bulk bar and the spreadsheet grid (saved views in its toolbar). */
const TopicList = () => (
  <List
    filters={topicFilters}
    actions={<ListActions />}
    sort={DEFAULT_SORT}
    perPage={50}
    pagination={false}
    empty={false}
    component={Card}
  >
    <BulkBar />
    <PrefetchLookups />
    <Suspense fallback={<GridPlaceholder />}>
      <TopicGrid />
    </Suspense>
  </List>
)

// Category and neighborhood names load alongside the first page instead of after the grid mounts.
const PrefetchLookups = () => {
  useTopicLookups()
  return null
}

const GridPlaceholder = () => (
  <Box sx={{ height: 'calc(100vh - 230px)', minHeight: 420 }}>
    <LinearProgress />
  </Box>
)

export default TopicList
