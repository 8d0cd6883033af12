import type { Move } from '../transitions'
import type { Topic } from '../types'
import AdoptDialog from './AdoptDialog'
import MergeDialog from './MergeDialog'
import TransitionDialog from './TransitionDialog'

type Props = { move: Move | null; topics: Topic[]; onClose: () => void; onDone?: () => void }

/** The dialog for a move (or nothing when `move` is null), for one topic or a selection. */
const MoveDialog = ({ move, topics, onClose, onDone }: Props) => {
  if (!move) return null
  const common = { topics, open: true, onClose, onDone }
  if (move === 'adopted') return <AdoptDialog {...common} />
  if (move === 'merged') return <MergeDialog {...common} />
  return <TransitionDialog to={move} {...common} />
}

export default MoveDialog
