import { app } from './app'
import { queue } from './queue'
import { scheduled } from './scheduled'

export default { fetch: app.fetch, scheduled, queue } satisfies ExportedHandler<Env>
