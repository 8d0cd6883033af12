import type { ChildProcess } from 'node:child_process'
export function freePort(): Promise<number>
export function portInUse(port: number): Promise<boolean>
export function waitForHealth(
  url: string,
  options?: { timeoutMs?: number; exited?: () => boolean },
): Promise<unknown>
export type DevServer = {
  url: string
  port: number
  pid: number
  child: ChildProcess
  exited: Promise<number | string | null>
  stop: () => Promise<void>
}
export function startDev(options?: {
  port?: number
  ip?: string
  host?: string
  persistTo?: string
  inspectorPort?: number
  log?: 'inherit' | string
  logLevel?: 'debug' | 'info' | 'log' | 'warn' | 'error' | 'none'
  timeoutMs?: number
  extraArgs?: string[]
}): Promise<DevServer>
