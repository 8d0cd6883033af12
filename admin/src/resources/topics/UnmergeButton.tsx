import { useState } from 'react'
import { Button, Confirm, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin'
import UndoIcon from '@mui/icons-material/Undo'
import type { JushouDataProvider } from '../../dataProvider'
import { useNotifyError } from '../../lib/useNotifyError'
import type { Topic } from './types'

/**
 * Undoes the merge of a merged topic (after asking): it goes back to the status it was merged
 * from, and the codes that followed it leave the target again.
 */
const UnmergeButton = ({ topic }: { topic: Topic }) => {
  const translate = useTranslate()
  const dataProvider = useDataProvider<JushouDataProvider>()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const refresh = useRefresh()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const confirm = async () => {
    setBusy(true)
    try {
      await dataProvider.unmerge(topic.id)
      notify('topics.dialog.unmerged', { type: 'success' })
      setOpen(false)
      refresh()
    } catch (error) {
      notifyError(error)
    } finally {
      setBusy(false)
    }
  }
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
