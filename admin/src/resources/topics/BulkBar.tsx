import { useState } from 'react'
import { Box, Button, Typography } from '@mui/material'
import { useGetMany, useListContext, useTranslate } from 'react-admin'
import { useMe } from '../../lib/useMe'
import MoveDialog from './dialogs/MoveDialog'
import MoveButtons from './MoveButtons'
import { BULK_MOVES, commonMoves, type Move } from './transitions'
import type { Topic } from './types'

/**
 * Bulk actions on the selected rows (also those picked on other pages). Only moves the state
 * machine allows for ALL selected topics are offered.
 */
const BulkBar = () => {
  const { selectedIds, onUnselectItems } = useListContext<Topic>()
  const translate = useTranslate()
  const [move, setMove] = useState<Move | null>(null)
  const { writable } = useMe()
  const { data = [], isPending } = useGetMany<Topic>(
    'topics',
    { ids: selectedIds },
    { enabled: selectedIds.length > 0 && writable },
  )
  if (!selectedIds.length || !writable) return null
  const topics = data.filter(Boolean)
  const moves =
    isPending || topics.length !== selectedIds.length ? [] : commonMoves(topics, BULK_MOVES)
  return (
    <Box
      role="toolbar"
      aria-label={translate('ra.action.bulk_actions', { smart_count: selectedIds.length })}
      data-testid="bulk-bar"
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: 0.5,
        px: 1,
        py: 0.5,
        bgcolor: 'action.selected',
      }}
    >
      <Typography variant="body2" sx={{ mr: 1, fontWeight: 600 }}>
        {translate('ra.action.bulk_actions', { smart_count: selectedIds.length })}
      </Typography>
      <MoveButtons moves={moves} onPick={setMove} />
      <Box sx={{ flex: 1 }} />
      <Button size="small" onClick={() => onUnselectItems()}>
        {translate('ra.action.unselect')}
      </Button>
      <MoveDialog
        move={move}
        topics={topics}
        onClose={() => setMove(null)}
        onDone={() => onUnselectItems()}
      />
    </Box>
  )
}

export default BulkBar
