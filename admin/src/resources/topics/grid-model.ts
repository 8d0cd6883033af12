import type { GridRowId, GridRowSelectionModel } from '@mui/x-data-grid'

/** The fields staff may change straight in the grid (all other columns are read-only). */
export const GRID_EDITABLE = ['title', 'categoryId', 'location'] as const
type Editable = (typeof GRID_EDITABLE)[number]

/**
 * The editable fields that differ between the edited row and the original (trimmed strings), or
 * null when nothing changed — only these go to PUT /api/topics/:id.
 * @example editedFields({ ...row, title: ' 新 ' }, row) // { title: '新' }
 */
export const editedFields = <T extends Record<Editable, unknown>>(next: T, prev: T) => {
  const out: Partial<Pick<T, Editable>> = {}
  for (const field of GRID_EDITABLE) {
    const raw = next[field]
    const value = (
      typeof raw === 'string' && field !== 'categoryId' ? raw.trim() : raw
    ) as T[Editable]
    if (value !== prev[field]) out[field] = value
  }
  return Object.keys(out).length ? out : null
}

/**
 * The selected ids after the grid reports a new selection model. The grid only knows the rows
 * on screen; selections made on other pages are kept. An 'exclude' model ("all but these") means
 * every row of this page except the listed ones.
 * @example selectionIds({ type: 'include', ids: new Set([3]) }, [3, 4], [9]) // [9, 3]
 */
export const selectionIds = (
  model: GridRowSelectionModel,
  pageIds: readonly number[],
  previous: readonly number[],
): number[] => {
  const onPage = new Set<GridRowId>(pageIds)
  const fromOtherPages = previous.filter((id) => !onPage.has(id))
  const here =
    model.type === 'include'
      ? pageIds.filter((id) => model.ids.has(id))
      : pageIds.filter((id) => !model.ids.has(id))
  // ids the grid reports that are not on this page are kept too (keepNonExistentRowsSelected)
  const extra =
    model.type === 'include'
      ? [...model.ids].filter((id): id is number => typeof id === 'number' && !onPage.has(id))
      : []
  return [...new Set([...fromOtherPages, ...extra, ...here])]
}
