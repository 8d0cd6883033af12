import { useGetIdentity } from 'react-admin'
import type { Me } from '../authProvider'
import { canWrite } from './permissions'

/**
 * The signed-in staff user (from `GET /api/auth/me` via authProvider.getIdentity), with
 * `writable` = the role may change data. `me` is undefined while loading.
 * @example const { me, writable } = useMe(); if (me?.role === 'admin') ...
 */
export const useMe = () => {
  const { identity, isPending } = useGetIdentity()
  const me = identity as (Me & { fullName: string }) | undefined
  return { me, isPending, writable: canWrite(me?.role), role: me?.role }
}
