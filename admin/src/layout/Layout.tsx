import type { ReactNode } from 'react'
import { Layout as RaLayout } from 'react-admin'
import AppBar from './AppBar'
import ConflictDialog from './ConflictDialog'
import Menu from './Menu'

/** The admin shell: app bar with locale switch, grouped side menu, the dialog of edit conflicts. */
const Layout = ({ children }: { children: ReactNode }) => (
  // react-admin's layout is `min-width: fit-content`; with 0 a wide data grid scrolls inside the
  // page instead of widening it past the window
  <RaLayout
    appBar={AppBar}
    menu={Menu}
    sx={{
      minWidth: 0,
      '& .RaLayout-contentWithSidebar, & .RaLayout-content, & .RaList-main': { minWidth: 0 },
    }}
  >
    {children}
    <ConflictDialog />
  </RaLayout>
)

export default Layout
