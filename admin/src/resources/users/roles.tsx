import { Chip, type ChipProps } from '@mui/material'
import { useTranslate } from 'react-admin'
import { ROLES, type Role } from '@domain/vocabulary'

export type User = {
  id: number
  username: string
  displayName: string
  role: Role
  disabled: boolean
  townIds: number[]
  neighborhoodIds: number[]
  createdAt: number
}

/** Role choices for inputs; names are i18n keys (`app.role.*`), translated by react-admin. */
export const roleChoices = ROLES.map((id) => ({ id, name: `app.role.${id}` }))

const colors: Record<Role, ChipProps['color']> = {
  admin: 'error',
  town: 'secondary',
  staff: 'primary',
  viewer: 'default',
  partner: 'success',
}

export const RoleChip = ({ role }: { role: Role }) => {
  const translate = useTranslate()
  return (
    <Chip size="small" color={colors[role] ?? 'default'} label={translate(`app.role.${role}`)} />
  )
}
