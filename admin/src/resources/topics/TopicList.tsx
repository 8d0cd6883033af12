import { Box, Card, LinearProgress } from '@mui/material'
import { CreateButton, FilterButton, List, TopToolbar } from 'react-admin'
import { FILL_HEIGHT_GUESS } from '../../layout/useFillHeight'
import { preloadable } from '../../lib/preloadable'
import { useSecondary } from '../../lib/useSecondary'
import { prefetchedStaleTime } from '../../queryClient'
import BulkBar from './BulkBar'
import { useTopicLookups } from './lookups'
import ExportButtons from './ExportButtons'
import { topicFilters } from './topicFilters'
import { DEFAULT_SORT, PER_PAGE } from './views'

const GridPlaceholder = () => (
  <Box sx={{ height: FILL_HEIGHT_GUESS }}>
    <LinearProgress />
  </Box>
)

// The data grid is its own chunk: the list (and its first GET /api/topics) mounts while the grid's
// code still downloads and compiles, instead of after it. Requested as soon as this module loads.
const TopicGrid = preloadable(() => import('./TopicGrid'), <GridPlaceholder />)
void TopicGrid.preload()

/** The data grid's module, loaded (main.tsx waits for it on a page load that opens the grid). */
export const preloadTopicGrid = () => TopicGrid.preload()

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <ExportButtons />
    <CreateButton />
  </TopToolbar>
)

// The filter bar's height (its inputs), held until the filters render so the grid does not move.
const FILTER_BAR_HEIGHT = 64
const ToolbarPlaceholder = () => <TopToolbar sx={{ minHeight: FILTER_BAR_HEIGHT }} />

/**
 * 议题 triage: filter bar, bulk bar and the spreadsheet grid (saved views in its toolbar). On a
 * page load the filter bar and its buttons render once the grid has its rows (useSecondary): their
 * inputs took about 0.1 s of the main thread before the first rows.
 */
const TopicList = () => {
  const toolbar = useSecondary()
  return (
    // Admin's requireAuth has checked the session before any screen renders, and every role may
    // list topics (the server scopes them): without the list's own session and permission checks
    // (canAccess answers asynchronously), the list takes its first page on its first render.
    <List
      disableAuthentication
      filters={toolbar ? topicFilters : undefined}
      actions={toolbar ? <ListActions /> : <ToolbarPlaceholder />}
      sort={DEFAULT_SORT}
      perPage={PER_PAGE}
      queryOptions={{ staleTime: prefetchedStaleTime }}
      pagination={false}
      empty={false}
      component={Card}
    >
      <BulkBar />
      <PrefetchLookups />
      <TopicGrid />
    </List>
  )
}

// Category and neighborhood names load alongside the first page instead of after the grid mounts.
const PrefetchLookups = () => {
  useTopicLookups()
  return null
}

export default TopicList
