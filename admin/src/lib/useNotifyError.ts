import { useCallback } from 'react'
import { useNotify } from 'react-admin'
import { asIs, errorText } from './errors'

/**
 * A callback that shows a failed call's server message (400/403/409 …) as an error notification.
 * @example const notifyError = useNotifyError(); try { ... } catch (e) { notifyError(e) }
 */
export const useNotifyError = () => {
  const notify = useNotify()
  return useCallback(
    (error: unknown) => {
      const text = errorText(error)
      notify(text, asIs(text, 'error'))
    },
    [notify],
  )
}
