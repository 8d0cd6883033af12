import { Box, Typography } from '@mui/material'

/**
 * One figure of the dashboard: its name, the number, and (optionally) a line saying what it
 * counts. Every figure card of the dashboard is made of these.
 * @example <Figure testId="figure-done" label="完成" value="12" hint="本期完成的项目" />
 */
const Figure = ({
  label,
  value,
  hint,
  testId,
}: {
  label: string
  value: string | number
  hint?: string
  testId: string
}) => (
  <Box data-testid={testId}>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Typography variant="h5" component="p" sx={{ fontVariantNumeric: 'tabular-nums' }}>
      {value}
    </Typography>
    {hint && (
      <Typography
        variant="caption"
        color="text.secondary"
        component="div"
        sx={{ lineHeight: 1.4 }}
        data-testid={`${testId}-definition`}
      >
        {hint}
      </Typography>
    )}
  </Box>
)

export default Figure
