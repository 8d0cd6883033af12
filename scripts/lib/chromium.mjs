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
  // Browser UI a headless browser never shows: Chromium 156 preloads the omnibox popup's WebUI
  // (two pages, in a renderer of their own) for every new window. On 2 cores that renderer took
  // 1.3–1.6 s of CPU during each measured admin page load, as much as the page's own renderer.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI',
]
