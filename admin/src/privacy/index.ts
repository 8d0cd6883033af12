import { createElement } from 'react'
import { Route } from 'react-router-dom'
import { lazyScreen } from '../lib/preloadable'

// 个人信息 (#17) at #/privacy and #/privacy/<tab>, downloaded when first opened.
const PrivacyScreen = lazyScreen(() => import('./PrivacyScreen'))

/** The custom routes of the privacy screen, for <CustomRoutes> in App.tsx. */
export const privacyRoutes = [
  createElement(Route, { key: 'privacy', path: '/privacy', element: createElement(PrivacyScreen) }),
  createElement(Route, {
    key: 'privacy-tab',
    path: '/privacy/:tab',
    element: createElement(PrivacyScreen),
  }),
]
