import { useState } from 'react'
import { Box, IconButton, Menu, MenuItem, Tooltip } from '@mui/material'
import VisibilityIcon from '@mui/icons-material/Visibility'
import { fetchUtils, useTranslate } from 'react-admin'
import { REVEAL_PURPOSES, type RevealPurpose } from '@domain/vocabulary'
import { useMe } from '../lib/useMe'
import { useNotifyError } from '../lib/useNotifyError'
import { canReveal, isMasked, type RevealResource } from './reveal'

/**
 * A phone as the API sends it (masked for every role, #17.6) with, for roles that may, a small
 * button beside it: choosing a purpose calls `POST /api/privacy/reveal` (audit-logged) and shows
 * the full number in place of the masked one.
 * @example <RevealPhone resource="topics" id={topic.id} phone={topic.submitterPhone} />
 */
const RevealPhone = ({
  resource,
  id,
  phone,
  testId,
}: {
  resource: RevealResource
  id: number
  phone: string | null | undefined
  /** data-testid of the number's own span (kept for the screens' tests). */
  testId?: string
}) => {
  const translate = useTranslate()
  const notifyError = useNotifyError()
  const { role } = useMe()
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const [full, setFull] = useState<string | null>(null)
  if (!phone) return null
  const reveal = async (purpose: RevealPurpose) => {
    setAnchor(null)
    try {
      const { json } = await fetchUtils.fetchJson('/api/privacy/reveal', {
        method: 'POST',
        credentials: 'same-origin',
        body: JSON.stringify({ resource, id, purpose }),
      })
      setFull((json as { phone: string }).phone)
    } catch (error) {
      notifyError(error)
    }
  }
  const label = translate('privacy.reveal.button')
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <span data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {full ?? phone}
      </span>
      {!full && isMasked(phone) && canReveal(role) && (
        <>
          <Tooltip title={label}>
            <IconButton
              size="small"
              aria-label={label}
              data-reveal={`${resource}:${id}`}
              onClick={(e) => {
                e.stopPropagation()
                setAnchor(e.currentTarget)
              }}
              sx={{ p: 0.25 }}
            >
              <VisibilityIcon sx={{ fontSize: 16 }} />
            </IconButton>
          </Tooltip>
          <Menu
            anchorEl={anchor}
            open={anchor !== null}
            onClose={() => setAnchor(null)}
            onClick={(e) => e.stopPropagation()}
          >
            <MenuItem disabled dense>
              {translate('privacy.reveal.why')}
            </MenuItem>
            {REVEAL_PURPOSES.map((p) => (
              <MenuItem key={p} dense onClick={() => reveal(p)}>
                {translate(`privacy.revealPurpose.${p}`)}
              </MenuItem>
            ))}
          </Menu>
        </>
      )}
    </Box>
  )
}

export default RevealPhone
