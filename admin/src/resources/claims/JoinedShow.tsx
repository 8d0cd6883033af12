import { Card, CardContent, CardHeader, Chip, Grid, Stack, Typography } from '@mui/material'
import { publicClaimantLines } from '@domain/partners/claim-workflow'
import { Show, useLocaleState, useRecordContext, useTranslate } from 'react-admin'
import { formatDate } from '../../lib/format'
import { statusLabelKey } from '../../lib/status'
import type { JoinedProject } from './types'

/** A project a partner joined: where it stands, its checklist (its own tasks marked), updates. */
const Body = () => {
  const p = useRecordContext<JoinedProject>()
  const translate = useTranslate()
  const [locale] = useLocaleState()
  if (!p) return null
  const mineTasks = new Set(p.mine.map((h) => h.checklistItemId))
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Typography variant="h5">{p.title}</Typography>
      <Typography color="text.secondary">
        {p.neighborhoodName} · {translate(statusLabelKey('project', p.status))} · {p.owningBody}
        {p.deadlineAt !== null && ` · ${formatDate(p.deadlineAt, locale)}`}
      </Typography>
      {publicClaimantLines(p.hands, locale === 'en' ? 'en' : 'zh').map((line) => (
        <Typography key={line}>{line}</Typography>
      ))}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card variant="outlined">
            <CardHeader title={translate('claims.joined.checklist')} />
            <CardContent sx={{ pt: 0 }}>
              {(p.checklist ?? []).map((i) => (
                <Stack key={i.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <Typography>{i.done ? '✓' : '○'}</Typography>
                  <Typography sx={{ flex: 1 }}>{i.title}</Typography>
                  {mineTasks.has(i.id) && (
                    <Chip
                      size="small"
                      color="success"
                      label={translate('claims.joined.mineTask')}
                    />
                  )}
                </Stack>
              ))}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card variant="outlined">
            <CardHeader title={translate('claims.joined.updates')} />
            <CardContent sx={{ pt: 0 }}>
              {(p.updates ?? []).map((u) => (
                <Typography key={u.id} variant="body2" sx={{ mb: 1 }}>
                  <strong>{formatDate(u.at, locale)}</strong> {u.body}
                </Typography>
              ))}
            </CardContent>
          </Card>
        </Grid>
      </Grid>
    </Stack>
  )
}

const JoinedShow = () => (
  <Show component="div" actions={false}>
    <Body />
  </Show>
)

export default JoinedShow
