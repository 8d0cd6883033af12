import type { ChildProcess } from 'node:child_process'
export function importBundle(options?: {
  build?: boolean
}): Promise<typeof import('../../server/main')>
export function residentBytes(pid: number): number
export type NodeServer = {
  url: string
  port: number
  pid: number
  child: ChildProcess
  exited: Promise<number | string | null>
  stop: () => Promise<void>
}
export function startNodeServer(options: {
  port: number
  database: string
  env?: Record<string, string>
  log?: 'inherit' | string
  timeoutMs?: number
}): Promise<NodeServer>
export const NODE_FLAGS: string[]
export const NODE_ENV: Record<string, string>
