import { useState } from 'react'
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  FormControlLabel,
  IconButton,
  MenuItem,
  Stack,
  Switch,
  TextField as MuiTextField,
  Typography,
} from '@mui/material'
import DeleteIcon from '@mui/icons-material/DeleteOutlined'
import type { OfferKind } from '@domain/vocabulary'
import { useCreate, useDelete, useGetList, useNotify, useTranslate, useUpdate } from 'react-admin'
import { useNotifyError } from '../../lib/useNotifyError'
import { offerKindChoices } from './PartnerBits'
import type { Offer, Partner } from './types'

type Category = { id: number; name: string }

const blank = {
  kind: 'service' as OfferKind,
  title: '',
  quantity: '',
  availability: '',
  categoryIds: [] as number[],
}

/** A partner's 资源清单: what it can give, how much, when, and the categories it suits. */
const OffersPanel = ({ partner }: { partner: Partner }) => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { data: offers = [], refetch } = useGetList<Offer>('partner-offers', {
    filter: { partnerId: partner.id },
    sort: { field: 'id', order: 'ASC' },
    pagination: { page: 1, perPage: 100 },
  })
  const { data: categories = [] } = useGetList<Category>('categories', {
    filter: { active: true },
    sort: { field: 'sortOrder', order: 'ASC' },
    pagination: { page: 1, perPage: 100 },
  })
  const names = new Map(categories.map((c) => [c.id, c.name]))
  const [draft, setDraft] = useState(blank)
  const [create, { isPending }] = useCreate()
  const [remove] = useDelete()
  const [update] = useUpdate()
  const writable = partner.writable
  const field = (key: 'kind' | 'title' | 'quantity' | 'availability') => ({
    size: 'small' as const,
    label: translate(`resources.partner-offers.fields.${key}`),
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  })
  const add = () =>
    create(
      'partner-offers',
      { data: { partnerId: partner.id, ...draft } },
      {
        onSuccess: () => {
          notify('partners.offers.added', { type: 'success' })
          setDraft(blank)
          void refetch()
        },
        onError: notifyError,
      },
    )
  return (
    <Card variant="outlined" data-testid="partner-offers">
      <CardHeader
        title={translate('partners.offers.title')}
        slotProps={{ title: { variant: 'h6' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {offers.length === 0 && (
          <Typography color="text.secondary">{translate('partners.offers.empty')}</Typography>
        )}
        <Stack spacing={1}>
          {offers.map((o) => (
            <Stack
              key={o.id}
              direction="row"
              spacing={1}
              sx={{ alignItems: 'center', borderTop: 1, borderColor: 'divider', pt: 1 }}
            >
              <Box sx={{ flex: 1 }}>
                <Typography variant="body2">
                  <strong>{translate(`partners.offerKind.${o.kind}`)}</strong> · {o.title}
                  {o.quantity && ` · ${o.quantity}`}
                  {o.availability && ` · ${o.availability}`}
                </Typography>
                {o.categoryIds.length > 0 && (
                  <Typography variant="caption" color="text.secondary">
                    {o.categoryIds.map((id) => names.get(id) ?? id).join('、')}
                  </Typography>
                )}
              </Box>
              <FormControlLabel
                control={
                  <Switch
                    size="small"
                    checked={o.active}
                    disabled={!writable}
                    onChange={(e) =>
                      update(
                        'partner-offers',
                        { id: o.id, data: { active: e.target.checked }, previousData: o },
                        {
                          mutationMode: 'pessimistic',
                          onSuccess: () => notify('partners.offers.toggled', { type: 'info' }),
                          onError: notifyError,
                        },
                      )
                    }
                  />
                }
                label={translate('resources.partner-offers.fields.active')}
              />
              {writable && (
                <IconButton
                  aria-label={translate('partners.offers.remove', { title: o.title })}
                  onClick={() =>
                    remove(
                      'partner-offers',
                      { id: o.id, previousData: o },
                      {
                        mutationMode: 'pessimistic',
                        onSuccess: () => {
                          notify('partners.offers.removed', { type: 'info' })
                          void refetch()
                        },
                        onError: notifyError,
                      },
                    )
                  }
                >
                  <DeleteIcon fontSize="small" />
                </IconButton>
              )}
            </Stack>
          ))}
        </Stack>
        {writable && (
          <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap', rowGap: 1 }}>
            <MuiTextField select sx={{ width: 130 }} {...field('kind')}>
              {offerKindChoices.map((k) => (
                <MenuItem key={k.id} value={k.id}>
                  {translate(k.name)}
                </MenuItem>
              ))}
            </MuiTextField>
            <MuiTextField sx={{ flex: 1, minWidth: 160 }} {...field('title')} />
            <MuiTextField sx={{ width: 120 }} {...field('quantity')} />
            <MuiTextField sx={{ width: 140 }} {...field('availability')} />
            <MuiTextField
              select
              size="small"
              sx={{ width: 200 }}
              label={translate('resources.partner-offers.fields.categoryIds')}
              value={draft.categoryIds}
              slotProps={{ select: { multiple: true } }}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  categoryIds: (e.target.value as unknown as number[]).map(Number),
                })
              }
            >
              {categories.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.name}
                </MenuItem>
              ))}
            </MuiTextField>
            <Button variant="contained" onClick={add} disabled={!draft.title.trim() || isPending}>
              {translate('partners.offers.add')}
            </Button>
          </Stack>
        )}
      </CardContent>
    </Card>
  )
}

export default OffersPanel
