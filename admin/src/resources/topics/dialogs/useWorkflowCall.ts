import { useState } from 'react'
import { useNotify, useRefresh } from 'react-admin'
import { useNotifyError } from '../../../lib/useNotifyError'

/**
 * Runs one workflow call (a transition, a merge, an undo) with a busy flag: on success it says
 * `success`, runs `then` (reset and close the dialog) and refreshes the screen; on failure it
 * shows the server's message and leaves the dialog as it was.
 * @example const { busy, run } = useWorkflowCall(); run(() => dataProvider.unmerge(id), ['topics.dialog.unmerged'], onClose)
 */
export const useWorkflowCall = () => {
  const notify = useNotify()
  const notifyError = useNotifyError()
  const refresh = useRefresh()
  const [busy, setBusy] = useState(false)
  const run = async (
    call: () => Promise<unknown>,
    success: [message: string, args?: object],
    then?: () => void,
  ) => {
    setBusy(true)
    try {
      await call()
      notify(success[0], { type: 'success', messageArgs: success[1] })
      then?.()
      refresh()
    } catch (error) {
      notifyError(error)
    } finally {
      setBusy(false)
    }
  }
  return { busy, run }
}
