import { useCallback, useEffect, useState } from 'react'
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Divider,
  FormControlLabel,
  MenuItem,
  Stack,
  Switch,
  TextField as MuiTextField,
  Typography,
} from '@mui/material'
import type { OfferKind } from '@domain/vocabulary'
import { useCreate, useGetList, useNotify, useTranslate, useUpdate } from 'react-admin'
import { useMe } from '../../lib/useMe'
import { useNotifyError } from '../../lib/useNotifyError'
import { fetchMatches } from '../partners/api'
import { offerKindChoices, PartnerKindChip, useOfferKindWords } from '../partners/PartnerBits'
import type { Matches } from '../partners/types'
import { ClaimMoveButtons, ClaimStatusChip, ClaimTarget } from './ClaimBits'
import type { Claim } from './types'

type Need = { id: number; kinds: OfferKind[]; note: string; open: boolean }

/** What the project asks of partners (shown on the public 需求清单). */
const NeedsEditor = ({ projectId, onSaved }: { projectId: number; onSaved: () => void }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { data: needs = [], refetch } = useGetList<Need>('project-needs', {
    filter: { projectId, checklistItemId: null },
    pagination: { page: 1, perPage: 1 },
  })
  const need = needs[0]
  const [draft, setDraft] = useState<{ kinds: OfferKind[]; note: string; open: boolean }>({
    kinds: [],
    note: '',
    open: true,
  })
  useEffect(() => {
    if (need) setDraft({ kinds: need.kinds, note: need.note, open: need.open })
  }, [need])
  const [create] = useCreate()
  const [update] = useUpdate()
  const done = {
    onSuccess: () => {
      notify('partners.needs.saved', { type: 'success' })
      void refetch()
      onSaved()
    },
    onError: notifyError,
  }
  const save = () =>
    need
      ? update(
          'project-needs',
          { id: need.id, data: draft, previousData: need },
          { ...done, mutationMode: 'pessimistic' },
        )
      : create('project-needs', { data: { projectId, ...draft } }, done)
  return (
    <Stack spacing={1} data-testid="project-needs">
      <Typography variant="subtitle2">{translate('partners.needs.title')}</Typography>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1, alignItems: 'center' }}>
        <MuiTextField
          select
          size="small"
          sx={{ minWidth: 180 }}
          label={translate('partners.needs.kinds')}
          value={draft.kinds}
          slotProps={{ select: { multiple: true } }}
          onChange={(e) => setDraft({ ...draft, kinds: e.target.value as unknown as OfferKind[] })}
        >
          {offerKindChoices.map((k) => (
            <MenuItem key={k.id} value={k.id}>
              {translate(k.name)}
            </MenuItem>
          ))}
        </MuiTextField>
        <MuiTextField
          size="small"
          sx={{ flex: 1, minWidth: 200 }}
          label={translate('partners.needs.note')}
          value={draft.note}
          onChange={(e) => setDraft({ ...draft, note: e.target.value })}
        />
        <FormControlLabel
          control={
            <Switch
              size="small"
              checked={draft.open}
              onChange={(e) => setDraft({ ...draft, open: e.target.checked })}
            />
          }
          label={translate('partners.needs.open')}
        />
        <Button size="small" variant="outlined" onClick={save}>
          {translate('partners.needs.save')}
        </Button>
      </Stack>
    </Stack>
  )
}

/**
 * The partners of a project: what it asks for, the hands raised for it and its tasks (accept or
 * decline them here), and the partners whose offers match it, best first, to record a hand for.
 */
const ProjectPartnersPanel = ({ projectId }: { projectId: number }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const words = useOfferKindWords()
  const { writable } = useMe()
  const { data: claims = [], refetch } = useGetList<Claim>('claims', {
    filter: { projectId },
    sort: { field: 'createdAt', order: 'DESC' },
    pagination: { page: 1, perPage: 100 },
  })
  const [matches, setMatches] = useState<Matches | null>(null)
  const loadMatches = useCallback(() => {
    fetchMatches(projectId).then(setMatches, notifyError)
  }, [projectId, notifyError])
  useEffect(loadMatches, [loadMatches])
  const [create] = useCreate()
  const record = (partnerId: number, name: string) =>
    create(
      'claims',
      { data: { projectId, partnerId } },
      {
        onSuccess: () => {
          notify('partners.matches.recorded', { type: 'success', messageArgs: { name } })
          void refetch()
          loadMatches()
        },
        onError: notifyError,
      },
    )
  return (
    <Card variant="outlined" data-testid="project-partners">
      <CardHeader
        title={translate('claims.panel.title')}
        slotProps={{ title: { variant: 'h6' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Stack spacing={2}>
          {writable && <NeedsEditor projectId={projectId} onSaved={loadMatches} />}
          <Stack spacing={1}>
            {claims.length === 0 && (
              <Typography color="text.secondary">{translate('claims.panel.empty')}</Typography>
            )}
            {claims.map((c) => (
              <Stack
                key={c.id}
                direction="row"
                spacing={1}
                sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}
                data-testid={`project-claim-${c.id}`}
              >
                <Box sx={{ flex: 1, minWidth: 200 }}>
                  <Typography variant="body2">
                    <strong>{c.claimant}</strong>
                    {c.personName && ` · ${c.personName}`} · <ClaimTarget claim={c} />
                  </Typography>
                </Box>
                <ClaimStatusChip status={c.status} />
                <ClaimMoveButtons
                  claim={c}
                  onDone={() => {
                    void refetch()
                    loadMatches()
                  }}
                />
              </Stack>
            ))}
          </Stack>
          <Divider />
          <Box data-testid="partner-matches">
            <Typography variant="subtitle2">{translate('partners.matches.title')}</Typography>
            <Typography variant="caption" color="text.secondary">
              {translate('partners.matches.help')}
            </Typography>
            {matches?.matches.length === 0 && (
              <Typography color="text.secondary">{translate('partners.matches.empty')}</Typography>
            )}
            <Stack spacing={1} sx={{ mt: 1 }}>
              {matches?.matches.map((m) => (
                <Stack
                  key={m.partnerId}
                  direction="row"
                  spacing={1}
                  sx={{ alignItems: 'center', flexWrap: 'wrap' }}
                >
                  <Box sx={{ flex: 1, minWidth: 200 }}>
                    <Typography variant="body2">
                      <strong>{m.name}</strong> <PartnerKindChip kind={m.kind} />{' '}
                      {m.local && (
                        <Chip
                          size="small"
                          variant="outlined"
                          label={translate('partners.matches.local')}
                        />
                      )}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {translate('partners.matches.score', { score: m.score })} ·{' '}
                      {m.offers.map((o) => `${words([o.kind])}：${o.title}`).join('；')}
                      {m.acceptedClaims > 0 &&
                        ` · ${translate('partners.matches.track', { n: m.acceptedClaims })}`}
                    </Typography>
                  </Box>
                  {m.liveClaim ? (
                    <Chip size="small" label={translate(`partners.matches.${m.liveClaim}`)} />
                  ) : (
                    writable && (
                      <Button size="small" onClick={() => record(m.partnerId, m.name)}>
                        {translate('partners.matches.record')}
                      </Button>
                    )
                  )}
                </Stack>
              ))}
            </Stack>
          </Box>
        </Stack>
      </CardContent>
    </Card>
  )
}

export default ProjectPartnersPanel
