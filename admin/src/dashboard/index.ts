import { lazy } from 'react'

/** The dashboard screen, downloaded when first shown (its charts in a further chunk). */
const Dashboard = lazy(() => import('./Dashboard'))

export default Dashboard
