import { defaultTheme, type RaThemeOptions } from 'react-admin'

/** react-admin's default theme, denser (staff work in long lists) and with CJK-friendly fonts. */
const theme: RaThemeOptions = {
  ...defaultTheme,
  typography: {
    fontFamily: [
      '-apple-system',
      'BlinkMacSystemFont',
      '"Segoe UI"',
      '"PingFang SC"',
      '"Hiragino Sans GB"',
      '"Microsoft YaHei"',
      '"Noto Sans CJK SC"',
      'sans-serif',
    ].join(','),
  },
  sidebar: { width: 200, closedWidth: 50 },
}

export default theme
