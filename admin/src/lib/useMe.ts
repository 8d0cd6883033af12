import { useGetIdentity } from 'react-admin'
import type { Me } from '../authProvider'
import { canWrite } from './permissions'

/**
 * The signed-in staff user (from `GET /api/auth/me` via authProvider.getIdentity), with
 * `writable` = the role may change data, and `onlyNeighborhood` = the one neighborhood of a user
 * who has just one (a create form chooses it already). `me` is undefined while loading.
 * @example const { me, writable } = useMe(); if (me?.role === 'admin') ...
 */
export const useMe = () => {
  const { identity, isPending } = useGetIdentity()
  const me = identity as (Me & { fullName: string }) | undefined
  const onlyNeighborhood = me?.neighborhoodIds?.length === 1 ? me.neighborhoodIds[0] : undefined
  return { me, isPending, writable: canWrite(me?.role), role: me?.role, onlyNeighborhood }
}
