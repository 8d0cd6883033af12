import type { Medium, Provider } from './types'

export type { Medium, OutgoingMessage, Provider, SendResult } from './types'

/**
 * The providers this deployment has credentials for, one per medium (README, Notifications).
 * None configured → {}: nothing is sent, and the pages say notifications are off.
 */
export function providersFromEnv(_env: Env): Partial<Record<Medium, Provider>> {
  return {}
}
