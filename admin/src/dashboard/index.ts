import { createElement, lazy } from 'react'
import { useMe } from '../lib/useMe'

/** The dashboard screen, downloaded when first shown (its charts in a further chunk). */
const StaffDashboard = lazy(() => import('./Dashboard'))

/** A partner login's first screen instead: the way to the needs list and its own claims. */
const PartnerHome = lazy(() => import('../resources/claims/PartnerHome'))

const Dashboard = () => {
  const { role, isPending } = useMe()
  if (isPending) return null
  return createElement(role === 'partner' ? PartnerHome : StaffDashboard)
}

export default Dashboard
