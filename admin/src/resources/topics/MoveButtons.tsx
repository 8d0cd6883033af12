import { Button } from '@mui/material'
import CheckIcon from '@mui/icons-material/Check'
import BlockIcon from '@mui/icons-material/Block'
import CallMergeIcon from '@mui/icons-material/CallMerge'
import PanToolIcon from '@mui/icons-material/PanTool'
import ForwardIcon from '@mui/icons-material/Forward'
import PlayArrowIcon from '@mui/icons-material/PlayArrow'
import DoneAllIcon from '@mui/icons-material/DoneAll'
import { useTranslate } from 'react-admin'
import type { Move } from './transitions'

const ICONS: Record<Move, typeof CheckIcon> = {
  accepted: CheckIcon,
  adopted: PanToolIcon,
  in_progress: PlayArrowIcon,
  done: DoneAllIcon,
  merged: CallMergeIcon,
  referred: ForwardIcon,
  declined: BlockIcon,
}

/** One button per allowed move (labels from `topics.transition.*`). */
const MoveButtons = ({
  moves,
  onPick,
  size = 'small',
}: {
  moves: Move[]
  onPick: (move: Move) => void
  size?: 'small' | 'medium'
}) => {
  const translate = useTranslate()
  return (
    <>
      {moves.map((move) => {
        const Icon = ICONS[move]
        return (
          <Button
            key={move}
            size={size}
            startIcon={<Icon />}
            color={move === 'declined' ? 'error' : 'primary'}
            onClick={() => onPick(move)}
            data-move={move}
          >
            {translate(`topics.transition.${move}`)}
          </Button>
        )
      })}
    </>
  )
}

export default MoveButtons
