import { describe, expect, it } from 'vitest'
import { allowedTransitions } from '@domain/topic-workflow'
import { editedFields, selectionIds } from './grid-model'
import { BULK_MOVES, commonMoves, sharedNeighborhood } from './transitions'
import {
  builtInViews,
  DEFAULT_SORT,
  exportUrl,
  firstListParams,
  isCurrentView,
  PER_PAGE,
  viewParams,
  type StoredListParams,
} from './views'
// react-admin's own merge of URL, stored and default list params (not exported by the package)
import { getQuery } from '../../../../node_modules/ra-core/dist/controller/list/useListParams.js'

describe('commonMoves', () => {
  it('offers only the moves every selected topic allows', () => {
    const submitted = { allowedTransitions: allowedTransitions('submitted') }
    const accepted = { allowedTransitions: allowedTransitions('accepted') }
    const adopted = { allowedTransitions: allowedTransitions('adopted') }
    expect(commonMoves([submitted, accepted], BULK_MOVES)).toEqual([
      'adopted',
      'merged',
      'referred',
      'declined',
    ])
    expect(commonMoves([submitted, adopted], BULK_MOVES)).toEqual([])
    expect(commonMoves([submitted], BULK_MOVES)).toEqual([
      'accepted',
      'adopted',
      'merged',
      'referred',
      'declined',
    ])
  })

  it('offers nothing while a selected record is not loaded', () => {
    expect(commonMoves([])).toEqual([])
    expect(commonMoves([{ allowedTransitions: ['accepted'] }, undefined])).toEqual([])
  })

  it('finds the neighborhood a project would adopt in', () => {
    expect(sharedNeighborhood([{ neighborhoodId: 2 }, { neighborhoodId: 2 }])).toBe(2)
    expect(sharedNeighborhood([{ neighborhoodId: 2 }, { neighborhoodId: 3 }])).toBeNull()
  })
})

describe('saved views', () => {
  const friday = Date.UTC(2026, 6, 3, 2)

  it('builds 待受理, 本周新增 and 我负责的', () => {
    const [all, submitted, week, mine] = builtInViews(friday, [4, 9])
    expect(all.params.filter).toEqual({})
    expect(submitted.params.filter).toEqual({ status: ['submitted'] })
    expect(week.params.filter).toEqual({ createdFrom: Date.UTC(2026, 5, 28, 16) })
    expect(mine.params.filter).toEqual({ projectId: [4, 9] })
  })

  it('makes 我负责的 match nothing when I own no project', () => {
    expect(builtInViews(friday, [])[3].params.filter).toEqual({ projectId: [0] })
    expect(builtInViews(friday).map((v) => v.key)).toEqual(['all', 'submitted', 'thisWeek'])
  })

  it('recognises the current view, ignoring empty filters', () => {
    const [all, submitted, week] = builtInViews(friday)
    expect(
      isCurrentView(
        submitted,
        { status: ['submitted'], q: '' },
        { field: 'createdAt', order: 'ASC' },
      ),
    ).toBe(true)
    expect(isCurrentView(submitted, { status: ['submitted'] }, DEFAULT_SORT)).toBe(false)
    expect(isCurrentView(all, { q: '', status: [] }, DEFAULT_SORT)).toBe(true)
    expect(isCurrentView(week, { createdFrom: 123 }, DEFAULT_SORT)).toBe(true)
  })

  it('saves only non-empty filters and the sort', () => {
    expect(viewParams({ q: '', status: ['accepted'], categoryId: null }, DEFAULT_SORT)).toEqual({
      filter: { status: ['accepted'] },
      sort: { field: 'createdAt', order: 'DESC' },
    })
  })

  it('exports the current filter and sort', () => {
    const url = new URL(
      exportUrl('csv', { status: ['submitted'], q: '' }, DEFAULT_SORT),
      'http://x',
    )
    expect(url.pathname).toBe('/api/topics/export')
    expect(url.searchParams.get('format')).toBe('csv')
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ status: ['submitted'] })
    expect(JSON.parse(url.searchParams.get('sort')!)).toEqual(['createdAt', 'DESC'])
  })
})

describe('the first page the grid asks for (prefetched on a page load)', () => {
  it('is the default page when nothing was stored', () => {
    expect(firstListParams(null)).toEqual({
      pagination: { page: 1, perPage: PER_PAGE },
      sort: DEFAULT_SORT,
      filter: {},
    })
  })

  it('agrees with react-admin on what it stored from the last visit', () => {
    const stored: (StoredListParams | null)[] = [
      null,
      { filter: {} },
      { filter: {}, page: 1 },
      { filter: { status: ['submitted'] }, sort: 'createdAt', order: 'ASC' },
      { filter: {}, sort: 'updatedAt', order: 'DESC', page: 3, perPage: 100 },
      { filter: { q: '楼道' }, page: '2', perPage: 'x' },
      { filter: {}, order: 'ASC' },
    ]
    for (const params of stored) {
      const query = getQuery({
        queryFromLocation: {},
        params: params ?? {},
        filterDefaultValues: undefined,
        sort: DEFAULT_SORT,
        perPage: PER_PAGE,
      })
      expect(firstListParams(params), JSON.stringify(params)).toEqual({
        pagination: { page: query.page, perPage: query.perPage },
        sort: { field: query.sort, order: query.order },
        filter: query.filter,
      })
    }
  })
})

describe('grid editing and selection', () => {
  const row: { id: number; title: string; categoryId: number | null; location: string } = {
    id: 1,
    title: '楼道堆物',
    categoryId: 2,
    location: '12号楼',
  }

  it('sends only the edited fields, trimmed', () => {
    expect(editedFields({ ...row, title: ' 楼道堆放杂物 ' }, row)).toEqual({
      title: '楼道堆放杂物',
    })
    expect(editedFields({ ...row, categoryId: null }, row)).toEqual({ categoryId: null })
    expect(editedFields({ ...row, title: '楼道堆物 ' }, row)).toBeNull()
  })

  it('keeps selections from other pages', () => {
    expect(selectionIds({ type: 'include', ids: new Set([3]) }, [3, 4], [9])).toEqual([9, 3])
    expect(selectionIds({ type: 'include', ids: new Set([]) }, [3, 4], [9, 3])).toEqual([9])
  })

  it('reads "all but these" as the rows of this page', () => {
    expect(selectionIds({ type: 'exclude', ids: new Set([4]) }, [3, 4, 5], [])).toEqual([3, 5])
  })
})
