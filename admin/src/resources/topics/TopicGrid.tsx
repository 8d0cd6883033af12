import { forwardRef, useCallback, useEffect, useMemo, useRef } from 'react'
import { Box, type Theme } from '@mui/material'
import ViewColumnIcon from '@mui/icons-material/ViewColumn'
import {
  ColumnsPanelTrigger,
  DataGrid,
  Toolbar,
  useGridApiRef,
  type GridCellParams,
  type GridColDef,
  type GridColumnVisibilityModel,
  type GridPaginationModel,
  type GridRowCheckboxProps,
  type GridRowSelectionModel,
  type GridSortModel,
} from '@mui/x-data-grid'
import { enUS, zhCN } from '@mui/x-data-grid/locales'
import {
  useCreatePath,
  useListContext,
  useLocale,
  useNavigate,
  useNotify,
  useResourceDefinitions,
  useTranslate,
  useUpdate,
  type Identifier,
} from 'react-admin'
import { formatDateTime } from '../../lib/format'
import { TOPIC_STATUSES } from '@domain/vocabulary'
import { statusColor, statusLabelKey } from '../../lib/status'
import { useMe } from '../../lib/useMe'
import { useNotifyError } from '../../lib/useNotifyError'
import { usePersistentState } from '../../lib/usePersistentState'
import { mainContentShown } from '../../lib/useSecondary'
import { FILL_HEIGHT_GUESS, useFillHeight } from '../../layout/useFillHeight'
import { useTopicLookups } from './lookups'
import SavedViews from './SavedViews'
import type { Topic } from './types'
import { editedFields, selectionIds } from './grid-model'

const PAGE_SIZES = [25, 50, 100, 200]

// Hidden until a user shows them in the column chooser.
const HIDDEN_BY_DEFAULT: GridColumnVisibilityModel = {
  trackingCode: false,
  submitterName: false,
  updatedAt: false,
  referredTo: false,
}

/**
 * The topic list as a spreadsheet: a server-paged, server-sorted MUI data grid driven by
 * react-admin's list context (filters live in the react-admin filter bar above it). Editable
 * cells save through `dataProvider.update` in undoable mode.
 */
const TopicGrid = () => {
  const list = useListContext<Topic>()
  const { data, total, page, perPage, setPage, setPerPage, sort, setSort, isPending, isFetching } =
    list
  const translate = useTranslate()
  const locale = useLocale()
  const createPath = useCreatePath()
  const resources = useResourceDefinitions()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { me, writable } = useMe()
  const [update] = useUpdate()
  const apiRef = useGridApiRef()
  const navigate = useNavigate()
  const rows = useMemo(() => data ?? [], [data])
  const lookups = useTopicLookups(useMemo(() => rows.map((r) => r.channelId), [rows]))
  // The first answer is on the grid: the menu and filter bar may render now (see useSecondary).
  useEffect(() => {
    if (!isPending) mainContentShown()
  }, [isPending])
  const [visibility, setVisibility] = usePersistentState<GridColumnVisibilityModel>(
    me ? `jushou.topics.columns.u${me.id}` : null,
    HIDDEN_BY_DEFAULT,
  )

  const projectPath = useCallback(
    (id: number) => {
      const def = resources.projects
      if (!def) return null
      const type = def.hasShow ? 'show' : def.hasEdit ? 'edit' : null
      return type ? createPath({ resource: 'projects', id, type }) : null
    },
    [resources, createPath],
  )

  const columns = useMemo<GridColDef<Topic>[]>(() => {
    const label = (field: string) => translate(`resources.topics.fields.${field}`)
    const time = (field: 'createdAt' | 'updatedAt'): GridColDef<Topic> => ({
      field,
      headerName: label(field),
      width: 140,
      valueFormatter: (value: number | null) => formatDateTime(value, locale),
    })
    return [
      {
        field: 'id',
        headerName: label('id'),
        width: 80,
        renderCell: ({ row }) => (
          <a
            href={hashHref(createPath({ resource: 'topics', id: row.id, type: 'show' }))}
            tabIndex={-1}
          >
            #{row.id}
          </a>
        ),
      },
      {
        field: 'title',
        headerName: label('title'),
        flex: 1,
        minWidth: 220,
        // no preProcessEditCellProps: while it runs the grid ignores Enter; processRowUpdate checks
        editable: writable,
      },
      {
        field: 'status',
        headerName: label('status'),
        width: 100,
        renderCell: ({ row }) => (
          <span className={`status status-${row.status}`} data-status={row.status}>
            {translate(statusLabelKey('topic', row.status))}
          </span>
        ),
      },
      {
        field: 'categoryId',
        headerName: label('categoryId'),
        width: 120,
        type: 'singleSelect',
        editable: writable,
        valueOptions: [
          { value: '', label: translate('app.common.none') },
          ...lookups.categoryOptions,
        ],
        valueGetter: (value: number | null) => value ?? '',
        valueSetter: (value: number | '', row) => ({
          ...row,
          categoryId: value === '' ? null : value,
        }),
      },
      {
        field: 'neighborhoodId',
        headerName: label('neighborhoodId'),
        width: 120,
        valueFormatter: (value: number) => lookups.neighborhood.get(value) ?? `#${value}`,
      },
      {
        field: 'channelId',
        headerName: label('channelId'),
        width: 130,
        valueFormatter: (value: number | null) => {
          if (value == null) return ''
          const ch = lookups.channel.get(value)
          return ch ? ch.label : `#${value}`
        },
      },
      {
        field: 'location',
        headerName: label('location'),
        width: 160,
        editable: writable,
        sortable: false,
      },
      // not type 'number': its formatter builds an Intl.NumberFormat per cell
      {
        field: 'supportCount',
        headerName: label('supportCount'),
        width: 70,
        align: 'right',
        headerAlign: 'right',
      },
      { field: 'submitterName', headerName: label('submitterName'), width: 90, sortable: false },
      {
        field: 'submitterPhone',
        headerName: label('submitterPhone'),
        width: 120,
        sortable: false,
        cellClassName: 'phone',
      },
      {
        field: 'projectId',
        headerName: label('projectId'),
        width: 80,
        sortable: false,
        renderCell: ({ row }) => {
          if (row.projectId == null) return null
          const to = projectPath(row.projectId)
          return to ? (
            <a href={hashHref(to)} tabIndex={-1}>
              #{row.projectId}
            </a>
          ) : (
            `#${row.projectId}`
          )
        },
      },
      { field: 'referredTo', headerName: label('referredTo'), width: 120, sortable: false },
      { field: 'trackingCode', headerName: label('trackingCode'), width: 100, sortable: false },
      time('createdAt'),
      time('updatedAt'),
    ]
  }, [translate, locale, writable, lookups, createPath, projectPath])

  const sortModel = useMemo<GridSortModel>(
    () => (sort?.field ? [{ field: sort.field, sort: sort.order === 'ASC' ? 'asc' : 'desc' }] : []),
    [sort],
  )
  const onSortModelChange = (model: GridSortModel) => {
    const [first] = model
    if (first?.sort) setSort({ field: first.field, order: first.sort === 'asc' ? 'ASC' : 'DESC' })
  }

  const paginationModel = useMemo(() => ({ page: page - 1, pageSize: perPage }), [page, perPage])
  const onPaginationModelChange = (model: GridPaginationModel) => {
    if (model.pageSize !== perPage) setPerPage(model.pageSize)
    else if (model.page !== page - 1) setPage(model.page + 1)
  }

  const rowSelectionModel = useMemo<GridRowSelectionModel>(
    () => ({ type: 'include', ids: new Set<Identifier>(list.selectedIds) }),
    [list.selectedIds],
  )
  const onRowSelectionModelChange = (model: GridRowSelectionModel) =>
    list.onSelect(
      selectionIds(
        model,
        rows.map((r) => r.id),
        list.selectedIds as number[],
      ),
    )

  const processRowUpdate = async (next: Topic, prev: Topic) => {
    const changes = editedFields(next, prev)
    if (!changes) return prev
    if ('title' in changes && !String(changes.title).trim())
      throw new Error(translate('ra.validation.required'))
    update(
      'topics',
      { id: prev.id, data: changes, previousData: prev },
      {
        mutationMode: 'undoable',
        onError: (error) => notifyError(error),
      },
    )
    notify('ra.notification.updated', {
      type: 'info',
      messageArgs: { smart_count: 1 },
      undoable: true,
    })
    return { ...prev, ...changes }
  }

  // Enter on the number cell opens the topic, as a click on its link does.
  const onCellKeyDown = (params: GridCellParams<Topic>, event: { key: string }) => {
    if (event.key === 'Enter' && params.field === 'id')
      navigate(createPath({ resource: 'topics', id: params.id, type: 'show' }))
  }

  // Spreadsheet habit: a single click on an editable cell starts editing it.
  const onCellClick = (params: GridCellParams<Topic>) => {
    if (params.isEditable && params.cellMode === 'view')
      apiRef.current?.startCellEditMode({ id: params.id, field: params.field })
  }

  const localeText = (locale === 'en' ? enUS : zhCN).components.MuiDataGrid.defaultProps.localeText
  // the grid takes the window's height below the filters: more rows on a tall screen, and on a
  // small one the pager stays in view without scrolling the page
  const fill = useFillHeight<HTMLDivElement>()

  return (
    <Box ref={fill} sx={{ height: FILL_HEIGHT_GUESS, width: '100%' }}>
      <DataGrid<Topic>
        apiRef={apiRef}
        rows={rows}
        columns={columns}
        rowCount={total ?? 0}
        loading={isPending || isFetching}
        density="compact"
        localeText={localeText}
        paginationMode="server"
        sortingMode="server"
        filterMode="server"
        disableColumnFilter
        paginationModel={paginationModel}
        onPaginationModelChange={onPaginationModelChange}
        pageSizeOptions={PAGE_SIZES}
        sortModel={sortModel}
        onSortModelChange={onSortModelChange}
        sortingOrder={['desc', 'asc']}
        columnVisibilityModel={visibility}
        onColumnVisibilityModelChange={setVisibility}
        checkboxSelection={writable}
        keepNonExistentRowsSelected
        disableRowSelectionOnClick
        rowSelectionModel={rowSelectionModel}
        onRowSelectionModelChange={onRowSelectionModelChange}
        editMode="cell"
        isCellEditable={(params) => writable && Boolean(params.colDef.editable)}
        processRowUpdate={processRowUpdate}
        onProcessRowUpdateError={notifyError}
        onCellClick={onCellClick}
        onCellKeyDown={onCellKeyDown}
        showToolbar
        slots={{ toolbar: GridToolbar, rowCheckbox: RowCheckbox }}
        slotProps={{
          loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'linear-progress' },
        }}
        sx={gridSx}
      />
    </Box>
  )
}

/** Hash-router href of an admin path (react-admin's default router is a HashRouter). */
const hashHref = (path: string) => `#${path}`

// Cells are plain elements styled once here: a MUI Chip or Link per cell costs an emotion
// style computation each, which is most of the first render of a 50-row page.
const statusStyles = Object.fromEntries(
  TOPIC_STATUSES.map((s) => {
    const { hex } = statusColor('topic', s)
    return [
      `& .status-${s}`,
      s === 'submitted'
        ? { bgcolor: hex, color: '#fff', borderColor: hex }
        : { color: hex, borderColor: hex },
    ]
  }),
)
const gridSx = {
  bgcolor: 'background.paper',
  '& .MuiDataGrid-cell--editable': { cursor: 'text' },
  '& .MuiDataGrid-cell.phone': { fontVariantNumeric: 'tabular-nums' },
  '& .MuiDataGrid-cell a': { color: 'primary.main' },
  '& .row-checkbox': { display: 'inline-flex', p: '9px' },
  '& .row-checkbox input': {
    width: 18,
    height: 18,
    m: 0,
    cursor: 'pointer',
    accentColor: (theme: Theme) => theme.palette.primary.main,
  },
  '& .status': {
    display: 'inline-block',
    lineHeight: '20px',
    px: 1,
    borderRadius: '10px',
    border: '1px solid',
    fontSize: '0.8125rem',
  },
  ...statusStyles,
}

/**
 * The row selection checkbox as a plain `<input type="checkbox">` in a span (the grid focuses the
 * input inside the element it gets): MUI's Checkbox (ripple, SVG icons, a dozen styled elements)
 * per row was a good part of the grid's first render. The header's select-all stays MUI's.
 */
const RowCheckbox = forwardRef<HTMLSpanElement, GridRowCheckboxProps>(function RowCheckbox(
  {
    checked,
    indeterminate,
    disabled,
    tabIndex,
    className,
    slotProps,
    onChange,
    onClick,
    onMouseDown,
    onKeyDown,
  },
  ref,
) {
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (input.current) input.current.indeterminate = Boolean(indeterminate)
  }, [indeterminate])
  return (
    <span ref={ref} className={`${className ?? ''} row-checkbox`}>
      <input
        {...slotProps?.htmlInput}
        ref={input}
        type="checkbox"
        checked={Boolean(checked)}
        disabled={disabled}
        tabIndex={tabIndex}
        onChange={onChange}
        onClick={onClick}
        onMouseDown={onMouseDown}
        onKeyDown={onKeyDown}
      />
    </span>
  )
})

/**
 * Saved views and the column chooser (filters are react-admin's above the grid; export is
 * server-side, see ExportButtons).
 */
const GridToolbar = () => {
  const translate = useTranslate()
  return (
    <Toolbar style={{ justifyContent: 'space-between' }}>
      <SavedViews />
      <ColumnsPanelTrigger size="small" startIcon={<ViewColumnIcon fontSize="small" />}>
        {translate('topics.actions.columns')}
      </ColumnsPanelTrigger>
    </Toolbar>
  )
}

export default TopicGrid
