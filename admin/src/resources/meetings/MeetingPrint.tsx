import { Box, Button, GlobalStyles, LinearProgress, Stack, Typography } from '@mui/material'
import PrintIcon from '@mui/icons-material/Print'
import { useParams } from 'react-router-dom'
import { Title, useGetOne, useTranslate } from 'react-admin'
import { formatDateTime } from '../../lib/format'
import type { Meeting } from './types'

// The A4 sheet for places without phones: the sign-in table (with the door QR for those who have
// one) and the tally table, one row per agenda item with the four numbers and the decision boxes
// to tick. Decided items print with their numbers. Printing shows the sheet alone (print CSS);
// the paper tallies are typed in afterwards on the meeting's page.

const SIGN_IN_ROWS = 22

const printCss = {
  '@page': { size: 'A4', margin: '12mm' },
  '@media print': {
    'body *': { visibility: 'hidden' },
    '#meeting-sheet, #meeting-sheet *': { visibility: 'visible' },
    '#meeting-sheet': { position: 'absolute', left: 0, top: 0, width: '100%' },
    '.sheet-screen-only': { display: 'none !important' },
  },
}

const cell = {
  border: '1px solid #000',
  padding: '1.6mm 2mm',
  fontSize: '10.5pt',
  textAlign: 'left' as const,
  verticalAlign: 'top' as const,
}
const tableSx = { width: '100%', borderCollapse: 'collapse' as const, mb: 2 }

const Sheet = ({ meeting }: { meeting: Meeting }) => {
  const translate = useTranslate()
  const p = (key: string) => translate(`meetings.print.${key}`)
  const f = (key: string) => translate(`resources.meetings.fields.${key}`)
  const heading = (
    <>
      <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
        {meeting.title}
      </Typography>
      <Typography variant="body2">
        {translate(`meetings.kind.${meeting.kind}`)} · {f('startsAt')}{' '}
        {formatDateTime(meeting.startsAt)}
        {meeting.place ? ` · ${f('place')} ${meeting.place}` : ''}
        {meeting.host ? ` · ${f('host')} ${meeting.host}` : ''}
      </Typography>
    </>
  )
  return (
    <Box
      id="meeting-sheet"
      sx={{ maxWidth: '186mm', mx: 'auto', color: '#000', bgcolor: '#fff', p: 2 }}
    >
      <Stack direction="row" spacing={2} sx={{ justifyContent: 'space-between', mb: 1 }}>
        <Box>
          {heading}
          <Typography variant="h6" component="h2" sx={{ mt: 1 }}>
            {p('signInTitle')}
          </Typography>
          <Typography variant="caption">{p('phoneNote')}</Typography>
        </Box>
        <Box sx={{ textAlign: 'center', flex: 'none' }}>
          <Box component="img" src={meeting.qrUrl} alt="" sx={{ width: '32mm', height: '32mm' }} />
          <Typography variant="caption" component="div">
            {p('scan')}
          </Typography>
        </Box>
      </Stack>
      <Box component="table" sx={tableSx} data-testid="sheet-sign-in">
        <thead>
          <tr>
            {['no', 'name', 'room', 'phone', 'signature'].map((k) => (
              <Box component="th" key={k} sx={{ ...cell, width: k === 'no' ? '10mm' : undefined }}>
                {p(k)}
              </Box>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: SIGN_IN_ROWS }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: blank rows have nothing else to key on
            <tr key={i}>
              <Box component="td" sx={cell}>
                {i + 1}
              </Box>
              {[0, 1, 2, 3].map((c) => (
                <Box component="td" key={c} sx={{ ...cell, height: '8mm' }} />
              ))}
            </tr>
          ))}
        </tbody>
      </Box>
      <Typography variant="body2">{p('total')}</Typography>
      <Box sx={{ breakBefore: 'page', pageBreakBefore: 'always', pt: 2 }}>
        {heading}
        <Typography variant="h6" component="h2" sx={{ mt: 1 }}>
          {p('tallyTitle')}
        </Typography>
        <Box component="table" sx={tableSx} data-testid="sheet-tally">
          <thead>
            <tr>
              <Box component="th" sx={{ ...cell, width: '8mm' }}>
                {p('no')}
              </Box>
              <Box component="th" sx={cell}>
                {translate('meetings.tally.topic')}
              </Box>
              {['present', 'inFavour', 'against', 'abstain'].map((k) => (
                <Box component="th" key={k} sx={{ ...cell, width: '13mm' }}>
                  {translate(`meetings.tally.${k}`)}
                </Box>
              ))}
              <Box component="th" sx={{ ...cell, width: '34mm' }}>
                {translate('meetings.tally.decision')}
              </Box>
              <Box component="th" sx={{ ...cell, width: '36mm' }}>
                {p('remark')}
              </Box>
            </tr>
          </thead>
          <tbody>
            {(meeting.items ?? []).map((item, i) => (
              <tr key={item.id}>
                <Box component="td" sx={cell}>
                  {i + 1}
                </Box>
                <Box component="td" sx={{ ...cell, height: '14mm' }}>
                  {item.topicTitle}
                </Box>
                {(['present', 'inFavour', 'against', 'abstain'] as const).map((k) => (
                  <Box component="td" key={k} sx={cell}>
                    {item[k] ?? ''}
                  </Box>
                ))}
                <Box component="td" sx={cell}>
                  {item.decision ? translate(`meetings.decision.${item.decision}`) : p('decisions')}
                </Box>
                <Box component="td" sx={cell}>
                  {item.projectTitle ?? item.referredTo ?? item.note ?? ''}
                </Box>
              </tr>
            ))}
          </tbody>
        </Box>
        <Stack direction="row" spacing={6} sx={{ mt: 4 }}>
          {['host', 'recorder', 'date'].map((k) => (
            <Typography key={k} variant="body2">
              {p(k)}：________________
            </Typography>
          ))}
        </Stack>
      </Box>
    </Box>
  )
}

/** /meetings/:id/print — the sheet, with a print button on screen. */
const MeetingPrint = () => {
  const { id } = useParams()
  const translate = useTranslate()
  const { data, isPending } = useGetOne<Meeting>('meetings', { id: Number(id) })
  return (
    <Box>
      <GlobalStyles styles={printCss} />
      <Title title={translate('meetings.print.button')} />
      <Box className="sheet-screen-only" sx={{ p: 1 }}>
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()}>
          {translate('meetings.print.action')}
        </Button>
      </Box>
      {isPending && <LinearProgress />}
      {data && <Sheet meeting={data} />}
    </Box>
  )
}

export default MeetingPrint
