import polyglotI18nProvider from 'ra-i18n-polyglot'
import en from './en'
import zh from './zh'

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('jushou.locale') : null

/** Chinese by default, English switchable; the choice is kept in localStorage. */
const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? en : zh),
  stored === 'en' ? 'en' : 'zh',
  [
    { locale: 'zh', name: '中文' },
    { locale: 'en', name: 'English' },
  ],
  { allowMissing: false },
)

export default i18nProvider
