import { createElement } from 'react'
import { Route } from 'react-router-dom'
import { lazyScreen } from '../lib/preloadable'

// The 台账 screen at #/reports, downloaded when first opened (its charts in a further chunk).
const Reports = lazyScreen(() => import('./Reports'))

/** The custom route of the report screen, for <CustomRoutes> in App.tsx. */
export const reportRoutes = [
  createElement(Route, { key: 'reports', path: '/reports', element: createElement(Reports) }),
]
