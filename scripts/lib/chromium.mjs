// Debian's chromium (apt-get install chromium) and the flags every browser run here uses: the
// browser tests (tests/e2e/browser.ts) and the admin bench (scripts/bench/admin.mjs). Nothing
// is downloaded: never `playwright install`.
export const CHROMIUM_PATH = '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
