import { useMemo } from 'react'
import { useGetList, useLocale } from 'react-admin'
import { useSecondary } from '../../lib/useSecondary'

type Named = { id: number; name: string; nameEn?: string }
type Channel = { id: number; label: string; kind: string; neighborhoodId: number }

const ALL = { page: 1, perPage: 500 }

/** The whole-list queries behind the names (also prefetched on a page load, see topics/index.ts). */
export const LOOKUP_LISTS = {
  categories: { pagination: ALL, sort: { field: 'sortOrder', order: 'ASC' as const }, filter: {} },
  neighborhoods: { pagination: ALL, sort: { field: 'name', order: 'ASC' as const }, filter: {} },
}

/**
 * Category and neighborhood names (small, whole lists, cached by react-query) and the labels of
 * the channels on the current page (only the ids shown; asked for once the page's rows are shown,
 * see useSecondary, with the ids standing in until then).
 */
export const useTopicLookups = (channelIds: ReadonlyArray<number | null | undefined> = []) => {
  const locale = useLocale()
  const categories = useGetList<Named>('categories', LOOKUP_LISTS.categories, {
    staleTime: 5 * 60_000,
  })
  const neighborhoods = useGetList<Named>('neighborhoods', LOOKUP_LISTS.neighborhoods, {
    staleTime: 5 * 60_000,
  })
  const ids = useMemo(
    () =>
      [...new Set(channelIds.filter((id): id is number => typeof id === 'number'))].sort(
        (a, b) => a - b,
      ),
    [channelIds],
  )
  // A list call with an explicit range rather than getMany: a getMany without range may be cut
  // to the API's default page of 25.
  const ready = useSecondary()
  const channels = useGetList<Channel>(
    'channels',
    {
      filter: { id: ids },
      pagination: { page: 1, perPage: Math.max(ids.length, 1) },
      sort: { field: 'id', order: 'ASC' },
    },
    {
      enabled: ready && ids.length > 0,
      staleTime: 60_000,
      placeholderData: (previous) => previous,
    },
  )
  return useMemo(() => {
    const categoryName = (c: Named) => (locale === 'en' && c.nameEn ? c.nameEn : c.name)
    return {
      categories: categories.data ?? [],
      categoryOptions: (categories.data ?? []).map((c) => ({
        value: c.id,
        label: categoryName(c),
      })),
      category: new Map((categories.data ?? []).map((c) => [c.id, categoryName(c)])),
      neighborhoods: neighborhoods.data ?? [],
      neighborhood: new Map((neighborhoods.data ?? []).map((n) => [n.id, n.name])),
      channel: new Map((channels.data ?? []).map((ch) => [ch.id, ch])),
    }
  }, [categories.data, neighborhoods.data, channels.data, locale])
}
