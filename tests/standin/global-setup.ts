// Worker tests (vitest.config.ts): the providers' stand-in (scripts/lib/provider-standin.mjs) on
// local ports for the whole run; tests read its address with `inject('standin')`.
import type { TestProject } from 'vitest/node'
import { startStandin } from '../../scripts/lib/provider-standin.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The providers' stand-in: its HTTP base URL and its SMTP port. */
    standin: { url: string; smtpPort: number }
  }
}

export default async function setup(project: TestProject) {
  const standin = await startStandin()
  project.provide('standin', { url: standin.url, smtpPort: standin.smtpPort })
  return () => standin.stop()
}
