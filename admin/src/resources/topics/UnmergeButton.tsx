import { useState } from 'react'
import { Button, Confirm, useDataProvider, useTranslate } from 'react-admin'
import UndoIcon from '@mui/icons-material/Undo'
import type { JushouDataProvider } from '../../dataProvider'
import { useWorkflowCall } from './dialogs/useWorkflowCall'
import type { Topic } from './types'

/**
 * Undoes the merge of a merged topic (after asking): it goes back to the status it was merged
 * from, and the codes that followed it leave the target again.
 */
const UnmergeButton = ({ topic }: { topic: Topic }) => {
  const translate = useTranslate()
  const dataProvider = useDataProvider<JushouDataProvider>()
  const { busy, run } = useWorkflowCall()
  const [open, setOpen] = useState(false)
  const confirm = () =>
    run(
      () => dataProvider.unmerge(topic.id),
      ['topics.dialog.unmerged'],
      () => setOpen(false),
    )
  return (
    <>
      <Button label="topics.dialog.unmerge" onClick={() => setOpen(true)}>
        <UndoIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="topics.dialog.unmergeTitle"
        content={translate('topics.dialog.unmergeBody', { id: topic.mergedIntoId })}
        confirm="topics.dialog.unmerge"
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  )
}

export default UnmergeButton
