import { Typography } from '@mui/material'
import { Login, LoginForm, useTranslate } from 'react-admin'

/** The sign-in page: the product's name and what it is for above the stock form. */
const LoginPage = () => {
  const translate = useTranslate()
  return (
    <Login>
      <Typography component="h1" variant="h5" align="center" sx={{ mt: 2 }}>
        {translate('app.title')}
      </Typography>
      <Typography variant="body2" align="center" color="text.secondary" sx={{ px: 2 }}>
        {translate('app.tagline')}
      </Typography>
      <LoginForm />
    </Login>
  )
}

export default LoginPage
