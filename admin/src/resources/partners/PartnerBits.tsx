import { Chip, Stack } from '@mui/material'
import { OFFER_KINDS, type OfferKind, PARTNER_KINDS, type PartnerKind } from '@domain/vocabulary'
import { useTranslate } from 'react-admin'

/** Partner kinds as choices; names are i18n keys (`partners.kind.*`). */
export const partnerKindChoices = PARTNER_KINDS.map((id) => ({ id, name: `partners.kind.${id}` }))

/** Offer kinds as choices; names are i18n keys (`partners.offerKind.*`). */
export const offerKindChoices = OFFER_KINDS.map((id) => ({ id, name: `partners.offerKind.${id}` }))

const KIND_COLOR: Record<
  PartnerKind,
  'error' | 'primary' | 'secondary' | 'success' | 'info' | 'warning' | 'default'
> = {
  party_branch: 'error',
  unit: 'primary',
  student_club: 'secondary',
  social_org: 'success',
  talent_team: 'warning',
  property: 'info',
  owners_committee: 'info',
  other: 'default',
}

/** A partner's kind as a chip (党支部 in red, as on the notice boards). */
export const PartnerKindChip = ({ kind }: { kind: PartnerKind | null | undefined }) => {
  const translate = useTranslate()
  if (!kind) return null
  return <Chip size="small" color={KIND_COLOR[kind]} label={translate(`partners.kind.${kind}`)} />
}

/** Offer kinds as small outlined chips, in vocabulary order. */
export const OfferKindChips = ({ kinds }: { kinds: readonly OfferKind[] }) => {
  const translate = useTranslate()
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
      {[...kinds]
        .sort((a, b) => OFFER_KINDS.indexOf(a) - OFFER_KINDS.indexOf(b))
        .map((k) => (
          <Chip
            key={k}
            size="small"
            variant="outlined"
            label={translate(`partners.offerKind.${k}`)}
          />
        ))}
    </Stack>
  )
}

/** Offer kinds joined as words in the locale, e.g. 场地、志愿者. */
export const useOfferKindWords = () => {
  const translate = useTranslate()
  return (kinds: readonly OfferKind[]) =>
    kinds.map((k) => translate(`partners.offerKind.${k}`)).join('、')
}
