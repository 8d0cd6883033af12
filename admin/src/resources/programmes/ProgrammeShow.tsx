import { useState } from 'react'
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Stack,
  Tab,
  Tabs,
  Typography,
} from '@mui/material'
import DownloadIcon from '@mui/icons-material/Download'
import SendIcon from '@mui/icons-material/Send'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  EditButton,
  Loading,
  Title,
  useGetRecordId,
  useGetOne,
  useLocaleState,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin'
import { formatDate } from '../../lib/format'
import { useNotifyError } from '../../lib/useNotifyError'
import { prefetchedStaleTime } from '../../queryClient'
import { matrixExportUrl, matrixQuery, programmeApi } from './api'
import ApplyDialog from './ApplyDialog'
import MatrixView from './MatrixView'
import StepsView from './StepsView'
import Timetable from './Timetable'
import type { Programme } from './types'

type TabName = 'matrix' | 'timetable' | 'steps'

/** One programme: its matrix (default), its timetable and its steps, with apply and export. */
const ProgrammeShow = () => {
  const id = Number(useGetRecordId())
  const translate = useTranslate()
  const [locale] = useLocaleState()
  // On a page load that opened this screen, the programme was asked for before react-admin mounted
  // (preloadProgrammeShow): its first answer counts as fresh.
  const { data: p, isPending } = useGetOne<Programme>(
    'programmes',
    { id },
    { staleTime: prefetchedStaleTime },
  )
  // The matrix (the default tab) is asked for now, beside the programme, not after it.
  useQuery(matrixQuery(id))
  const [tab, setTab] = useState<TabName>('matrix')
  const [applying, setApplying] = useState(false)
  const queryClient = useQueryClient()
  const refresh = useRefresh()
  const notify = useNotify()
  const notifyError = useNotifyError()
  if (isPending || !p) return <Loading />
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['programme-matrix', id] })
    refresh()
  }
  const addMissing = async () => {
    try {
      const r = await programmeApi.addMissingSteps(p.id)
      notify(translate('programmes.added', { smart_count: r.itemsCreated }), { type: 'success' })
      reload()
    } catch (e) {
      notifyError(e)
    }
  }
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={p.name} />
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent>
          <Stack
            direction={{ xs: 'column', md: 'row' }}
            spacing={2}
            sx={{ alignItems: { md: 'center' } }}
          >
            <Box sx={{ flex: 1 }}>
              <Typography variant="h6" component="h1">
                {p.name}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('programmes.period', {
                  from: formatDate(p.startsAt, locale),
                  to: formatDate(p.endsAt, locale),
                })}
                {p.owningBody ? ` · ${p.owningBody}` : ''}
              </Typography>
              {p.description && <Typography variant="body2">{p.description}</Typography>}
            </Box>
            <Chip
              label={translate('programmes.progress', { done: p.doneCount, total: p.itemCount })}
            />
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
              {p.canEdit && (
                <Button
                  variant="contained"
                  startIcon={<SendIcon />}
                  onClick={() => setApplying(true)}
                >
                  {translate('programmes.apply.button')}
                </Button>
              )}
              <Button
                variant="outlined"
                startIcon={<DownloadIcon />}
                href={matrixExportUrl(p.id)}
                download
              >
                {translate('programmes.export')}
              </Button>
              {p.canEdit && <EditButton record={p} resource="programmes" />}
            </Stack>
          </Stack>
          {p.canEdit && p.missingSteps > 0 && (
            <Alert
              severity="info"
              sx={{ mt: 2 }}
              action={
                <Button color="inherit" size="small" onClick={addMissing}>
                  {translate('programmes.addMissing')}
                </Button>
              }
            >
              {translate('programmes.missing', { smart_count: p.missingSteps })}
            </Alert>
          )}
        </CardContent>
      </Card>
      <Tabs value={tab} onChange={(_, v: TabName) => setTab(v)} sx={{ mb: 1 }}>
        <Tab value="matrix" label={translate('programmes.tabs.matrix')} />
        <Tab value="timetable" label={translate('programmes.tabs.timetable')} />
        <Tab value="steps" label={translate('programmes.tabs.steps')} />
      </Tabs>
      {tab === 'matrix' && <MatrixView programmeId={p.id} />}
      {tab === 'timetable' && <Timetable programme={p} onChanged={reload} />}
      {tab === 'steps' && <StepsView programme={p} />}
      {applying && (
        <ApplyDialog
          programme={p}
          onClose={() => setApplying(false)}
          onDone={() => {
            setApplying(false)
            reload()
          }}
        />
      )}
    </Box>
  )
}

export default ProgrammeShow
