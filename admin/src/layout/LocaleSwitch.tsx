import { useEffect } from 'react'
import { ToggleButton, ToggleButtonGroup } from '@mui/material'
import { useLocaleState, useTranslate } from 'react-admin'

export const LOCALE_KEY = 'jushou.locale'

/** 中文 | English toggle in the app bar; the choice survives reloads (localStorage). */
const LocaleSwitch = () => {
  const [locale, setLocale] = useLocaleState()
  const translate = useTranslate()
  useEffect(() => {
    document.documentElement.lang = locale === 'en' ? 'en' : 'zh-CN'
    document.title = translate('app.title')
    localStorage.setItem(LOCALE_KEY, locale)
  }, [locale, translate])
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={locale}
      aria-label={translate('app.locale.label')}
      onChange={(_, next: string | null) => next && setLocale(next)}
      sx={{
        mx: 1,
        '& .MuiToggleButton-root': {
          color: 'inherit',
          borderColor: 'rgba(255,255,255,0.5)',
          py: 0.25,
          px: 1,
          lineHeight: 1.4,
          textTransform: 'none',
        },
        '& .Mui-selected': { bgcolor: 'rgba(255,255,255,0.2) !important', fontWeight: 600 },
      }}
    >
      <ToggleButton value="zh" lang="zh-CN">
        {translate('app.locale.zh')}
      </ToggleButton>
      <ToggleButton value="en" lang="en">
        {translate('app.locale.en')}
      </ToggleButton>
    </ToggleButtonGroup>
  )
}

export default LocaleSwitch
