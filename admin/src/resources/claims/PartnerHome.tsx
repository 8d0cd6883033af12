import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material'
import { Link, Title, useCreatePath, useGetList, useTranslate } from 'react-admin'
import { useMe } from '../../lib/useMe'

/**
 * What a partner login sees first: how to raise a hand, and the way to the needs list, its own
 * claims (with how many wait) and the projects it joined.
 */
const PartnerHome = () => {
  const translate = useTranslate()
  const createPath = useCreatePath()
  const { me } = useMe()
  const { total: pending = 0 } = useGetList('claims', {
    filter: { status: 'pending' },
    pagination: { page: 1, perPage: 1 },
  })
  const { total: wanted = 0 } = useGetList('help-wanted', { pagination: { page: 1, perPage: 1 } })
  const { total: joined = 0 } = useGetList('partner-projects', {
    pagination: { page: 1, perPage: 1 },
  })
  const tiles = [
    { resource: 'help-wanted', label: 'claims.home.wanted', value: wanted },
    { resource: 'claims', label: 'claims.home.mine', value: pending, hint: 'claims.home.pending' },
    { resource: 'partner-projects', label: 'claims.home.joined', value: joined },
  ]
  return (
    <Box sx={{ p: 2 }} data-testid="partner-home">
      <Title title={translate('claims.home.title', { name: me?.displayName ?? '' })} />
      <Typography variant="h5" sx={{ mb: 1 }}>
        {translate('claims.home.title', { name: me?.displayName ?? '' })}
      </Typography>
      <Typography sx={{ mb: 2, maxWidth: 720 }}>{translate('claims.home.intro')}</Typography>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
        {tiles.map((tile) => (
          <Card key={tile.resource} variant="outlined" sx={{ minWidth: 200 }}>
            <CardContent>
              <Typography variant="caption" color="text.secondary" component="div">
                {translate(tile.label)}
              </Typography>
              <Typography variant="h4" component="p">
                {tile.value}
              </Typography>
              {tile.hint && (
                <Typography variant="caption">
                  {translate(tile.hint, { smart_count: tile.value })}
                </Typography>
              )}
              <Box sx={{ mt: 1 }}>
                <Button component={Link} to={createPath({ resource: tile.resource, type: 'list' })}>
                  {translate(tile.label)}
                </Button>
              </Box>
            </CardContent>
          </Card>
        ))}
      </Stack>
    </Box>
  )
}

export default PartnerHome
