import { useEffect, useState } from 'react'
import { FormControlLabel, MenuItem, Stack, Switch, TextField as MuiTextField } from '@mui/material'
import { useGetList, useStore, useTranslate } from 'react-admin'
import { useMe } from '../../lib/useMe'

export type ProjectFilter = {
  q?: string
  neighborhoodId?: number
  ownerUserId?: number
  overdue?: boolean
}

/**
 * The board's and deadline view's filter, kept in the react-admin store (localStorage) so a
 * user's choice survives switching views and reloads.
 * @example const [filter, setFilter] = useProjectFilter()
 */
export const useProjectFilter = () => useStore<ProjectFilter>('projects.board.filter', {})

/** Search, neighborhood (when the user has more than one), "mine only" and "overdue only". */
export const BoardFilters = () => {
  const translate = useTranslate()
  const { me } = useMe()
  const [filter, setFilter] = useProjectFilter()
  const [q, setQ] = useState(filter.q ?? '')
  const manyNeighborhoods = me
    ? me.neighborhoodIds === null || me.neighborhoodIds.length > 1 || me.role === 'town'
    : false
  const { data: neighborhoods = [] } = useGetList<{ id: number; name: string }>(
    'neighborhoods',
    { sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 200 } },
    { enabled: manyNeighborhoods },
  )

  // Typing waits for a pause before refetching every column.
  useEffect(() => {
    const t = setTimeout(() => {
      if ((filter.q ?? '') !== q) setFilter(({ q: _, ...rest }) => (q ? { ...rest, q } : rest))
    }, 350)
    return () => clearTimeout(t)
  }, [q, filter.q, setFilter])

  const set = <K extends keyof ProjectFilter>(key: K, value: ProjectFilter[K] | undefined) =>
    setFilter((f) => {
      const { [key]: _, ...rest } = f
      return value === undefined ? rest : { ...rest, [key]: value }
    })

  return (
    <Stack
      direction="row"
      spacing={2}
      sx={{ my: 1.5, alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}
    >
      <MuiTextField
        size="small"
        label={translate('resources.projects.fields.q')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        sx={{ width: 220 }}
      />
      {manyNeighborhoods && (
        <MuiTextField
          select
          size="small"
          label={translate('resources.projects.fields.neighborhoodId')}
          value={filter.neighborhoodId ?? ''}
          onChange={(e) =>
            set('neighborhoodId', e.target.value === '' ? undefined : Number(e.target.value))
          }
          sx={{ width: 180 }}
        >
          <MenuItem value="">{translate('projects.allNeighborhoods')}</MenuItem>
          {neighborhoods.map((n) => (
            <MenuItem key={n.id} value={n.id}>
              {n.name}
            </MenuItem>
          ))}
        </MuiTextField>
      )}
      {me && (
        <FormControlLabel
          control={
            <Switch
              checked={filter.ownerUserId === me.id}
              onChange={(e) => set('ownerUserId', e.target.checked ? me.id : undefined)}
            />
          }
          label={translate('projects.mine')}
        />
      )}
      <FormControlLabel
        control={
          <Switch
            checked={filter.overdue === true}
            onChange={(e) => set('overdue', e.target.checked ? true : undefined)}
          />
        }
        label={translate('projects.overdueOnly')}
      />
    </Stack>
  )
}
