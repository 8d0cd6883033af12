import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material'
import { LinkBase, useCreatePath, useGetList, useNotify, useTranslate } from 'react-admin'
import { overCount } from '@domain/meetings/tally'
import { MEETING_DECISIONS, OPEN_PROJECT_STATUSES, type MeetingDecision } from '@domain/vocabulary'
import { errorText } from '../../lib/errors'
import { useNotifyError } from '../../lib/useNotifyError'
import { formatDateTime } from '../../lib/format'
import { saveTally, type TallyBody } from './api'
import { DecisionChip } from './MeetingBits'
import type { Meeting, MeetingItem } from './types'

// The tally entry, made for speed: one row per agenda item with 到会 / 赞成 / 反对 / 弃权, the
// decision and what it needs (the project, whom it is referred to, the reason). Tab walks the row
// in that order, Enter saves it from anywhere in the row, and the next open row takes the focus
// with its 到会 filled in from the row before (every number is selected on focus, so typing
// replaces it). A low-support 立项 asks in a dialog before it is sent again with `confirm`.

type Draft = {
  present: string
  inFavour: string
  against: string
  abstain: string
  decision: '' | MeetingDecision
  /** 'new', or an existing project's id. */
  project: string
  projectTitle: string
  referredTo: string
  note: string
}

type Project = { id: number; title: string }
type Ask = { item: MeetingItem; body: TallyBody; question: string }

const NUMBERS = ['present', 'inFavour', 'against', 'abstain'] as const
const WHOLE = /^\d{1,5}$/

const draftOf = (item: MeetingItem, present: string): Draft => ({
  present: item.present === null ? present : String(item.present),
  inFavour: item.inFavour === null ? '' : String(item.inFavour),
  against: item.against === null ? '' : String(item.against),
  abstain: item.abstain === null ? '' : String(item.abstain),
  decision: '',
  project: 'new',
  projectTitle: item.topicTitle,
  referredTo: '',
  note: '',
})

/** The request of a row, or the words of what is wrong with it. */
const bodyOf = (d: Draft, notNumber: string): TallyBody | string => {
  if (!NUMBERS.every((k) => WHOLE.test(d[k].trim()))) return notNumber
  const tally = {
    present: Number(d.present),
    inFavour: Number(d.inFavour),
    against: Number(d.against),
    abstain: Number(d.abstain),
  }
  const over = overCount(tally)
  if (over) return over
  if (!d.decision) return tally
  return {
    ...tally,
    decision: d.decision,
    ...(d.decision === 'adopt' &&
      (d.project === 'new'
        ? { project: { title: d.projectTitle.trim() } }
        : { projectId: Number(d.project) })),
    ...(d.decision === 'refer' && { referredTo: d.referredTo.trim() }),
    ...(d.note.trim() && { note: d.note.trim() }),
  }
}

const cellInput = { py: 0.5, px: 0.5 }
const numberSx = { width: 72 }

type RowProps = {
  item: MeetingItem
  index: number
  projects: Project[]
  defaultPresent: string
  writable: boolean
  firstInput: (el: HTMLInputElement | null) => void
  onSave: (item: MeetingItem, body: TallyBody) => Promise<void>
}

const DecidedRow = ({ item, index }: { item: MeetingItem; index: number }) => {
  const translate = useTranslate()
  const createPath = useCreatePath()
  return (
    <TableRow data-testid={`tally-row-${item.id}`} data-decided="true">
      <TableCell>{index + 1}</TableCell>
      <TableCell>{item.topicTitle}</TableCell>
      {NUMBERS.map((k) => (
        <TableCell key={k} align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {item[k]}
        </TableCell>
      ))}
      <TableCell>{item.decision && <DecisionChip decision={item.decision} />}</TableCell>
      <TableCell colSpan={2}>
        {item.decision === 'adopt' && item.projectId && (
          <LinkBase to={createPath({ resource: 'projects', id: item.projectId, type: 'show' })}>
            {item.projectTitle}
          </LinkBase>
        )}
        {item.decision === 'refer' && item.referredTo}
        {item.note && (
          <Typography variant="body2" color="text.secondary">
            {item.note}
          </Typography>
        )}
        {item.confirmedLowSupport && (
          <Typography variant="caption" color="warning.main" component="div">
            {translate('meetings.tally.lowSupport')}
          </Typography>
        )}
        {item.decidedAt && (
          <Typography variant="caption" color="text.secondary" component="div">
            {translate('meetings.tally.decidedAt', { time: formatDateTime(item.decidedAt) })}
          </Typography>
        )}
      </TableCell>
    </TableRow>
  )
}

const OpenRow = ({
  item,
  index,
  projects,
  defaultPresent,
  writable,
  firstInput,
  onSave,
}: RowProps) => {
  const translate = useTranslate()
  const [draft, setDraft] = useState(() => draftOf(item, defaultPresent))
  const [touched, setTouched] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // The row before was saved: its 到会 is the best guess for this one, until typed over.
  useEffect(() => {
    if (!touched && item.present === null) setDraft((d) => ({ ...d, present: defaultPresent }))
  }, [defaultPresent, touched, item.present])

  const set = (key: keyof Draft) => (e: { target: { value: string } }) => {
    if (key === 'present') setTouched(true)
    setDraft((d) => ({ ...d, [key]: e.target.value }))
  }
  const label = (key: string) => `${translate(`meetings.tally.${key}`)} ${index + 1}`
  const save = async () => {
    if (busy || !writable) return
    const body = bodyOf(draft, translate('meetings.tally.notNumber'))
    if (typeof body === 'string') {
      setError(body)
      return
    }
    setError(null)
    setBusy(true)
    try {
      await onSave(item, body)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return
    e.preventDefault()
    void save()
  }
  const select = (e: { target: HTMLInputElement | HTMLTextAreaElement }) => {
    if (e.target instanceof HTMLInputElement) e.target.select()
  }
  return (
    <>
      <TableRow data-testid={`tally-row-${item.id}`} onKeyDown={onKeyDown}>
        <TableCell>{index + 1}</TableCell>
        <TableCell sx={{ minWidth: 180 }}>{item.topicTitle}</TableCell>
        {NUMBERS.map((k, i) => (
          <TableCell key={k} sx={cellInput}>
            <TextField
              size="small"
              value={draft[k]}
              onChange={set(k)}
              onFocus={select}
              disabled={!writable || busy}
              inputRef={i === 0 ? firstInput : undefined}
              sx={numberSx}
              slotProps={{
                htmlInput: {
                  inputMode: 'numeric',
                  'aria-label': label(k),
                  'data-testid': `tally-${item.id}-${k}`,
                },
              }}
            />
          </TableCell>
        ))}
        <TableCell sx={cellInput}>
          <TextField
            select
            size="small"
            value={draft.decision}
            onChange={set('decision')}
            disabled={!writable || busy}
            sx={{ minWidth: 120 }}
            slotProps={{
              select: { native: true },
              htmlInput: {
                'aria-label': label('decision'),
                'data-testid': `tally-${item.id}-decision`,
              },
            }}
          >
            <option value="">{translate('meetings.tally.undecided')}</option>
            {MEETING_DECISIONS.map((d) => (
              <option key={d} value={d}>
                {translate(`meetings.decision.${d}`)}
              </option>
            ))}
          </TextField>
        </TableCell>
        <TableCell sx={{ ...cellInput, minWidth: 260 }}>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {draft.decision === 'adopt' && (
              <TextField
                select
                size="small"
                value={draft.project}
                onChange={set('project')}
                disabled={busy}
                sx={{ minWidth: 140 }}
                slotProps={{
                  select: { native: true },
                  htmlInput: {
                    'aria-label': label('project'),
                    'data-testid': `tally-${item.id}-project`,
                  },
                }}
              >
                <option value="new">{translate('meetings.tally.newProject')}</option>
                {projects.map((p) => (
                  <option key={p.id} value={String(p.id)}>
                    {p.title}
                  </option>
                ))}
              </TextField>
            )}
            {draft.decision === 'adopt' && draft.project === 'new' && (
              <TextField
                size="small"
                value={draft.projectTitle}
                onChange={set('projectTitle')}
                onFocus={select}
                disabled={busy}
                placeholder={translate('meetings.tally.projectTitle')}
                slotProps={{
                  htmlInput: {
                    maxLength: 100,
                    'aria-label': label('projectTitle'),
                    'data-testid': `tally-${item.id}-projectTitle`,
                  },
                }}
              />
            )}
            {draft.decision === 'refer' && (
              <TextField
                size="small"
                value={draft.referredTo}
                onChange={set('referredTo')}
                disabled={busy}
                placeholder={translate('meetings.tally.referredTo')}
                slotProps={{
                  htmlInput: {
                    maxLength: 100,
                    'aria-label': label('referredTo'),
                    'data-testid': `tally-${item.id}-referredTo`,
                  },
                }}
              />
            )}
            {draft.decision !== '' && (
              <TextField
                size="small"
                value={draft.note}
                onChange={set('note')}
                disabled={busy}
                placeholder={translate(
                  draft.decision === 'decline' ? 'meetings.tally.reason' : 'meetings.tally.note',
                )}
                sx={{ flex: 1, minWidth: 160 }}
                slotProps={{
                  htmlInput: {
                    maxLength: 500,
                    'aria-label': label(draft.decision === 'decline' ? 'reason' : 'note'),
                    'data-testid': `tally-${item.id}-note`,
                  },
                }}
              />
            )}
          </Box>
        </TableCell>
        <TableCell sx={cellInput}>
          <Button
            size="small"
            variant="contained"
            onClick={() => void save()}
            disabled={!writable || busy}
            data-testid={`tally-${item.id}-save`}
          >
            {translate('meetings.tally.save')}
          </Button>
        </TableCell>
      </TableRow>
      {error && (
        <TableRow>
          <TableCell colSpan={9} sx={{ py: 0 }}>
            <Alert severity="error" data-testid={`tally-${item.id}-error`} sx={{ my: 0.5 }}>
              {error}
            </Alert>
          </TableCell>
        </TableRow>
      )}
    </>
  )
}

/**
 * The agenda items of `meeting` as rows to record; decided ones read-only.
 * @example <TallyTable meeting={record} writable={writable} onSaved={refetch} />
 */
const TallyTable = ({
  meeting,
  writable,
  onSaved,
}: {
  meeting: Meeting
  writable: boolean
  onSaved: () => Promise<unknown>
}) => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const items = meeting.items ?? []
  const inputs = useRef(new Map<number, HTMLInputElement>())
  const [lastPresent, setLastPresent] = useState(
    meeting.attendance > 0 ? String(meeting.attendance) : '',
  )
  const [ask, setAsk] = useState<Ask | null>(null)
  const { data: projects = [] } = useGetList<Project>(
    'projects',
    {
      filter: {
        neighborhoodId: meeting.neighborhoodId,
        status: OPEN_PROJECT_STATUSES,
      },
      sort: { field: 'title', order: 'ASC' },
      pagination: { page: 1, perPage: 200 },
    },
    { enabled: writable },
  )

  const focusAfter = (itemId: number) => {
    const at = items.findIndex((i) => i.id === itemId)
    const next = items.slice(at + 1).find((i) => i.decision === null)
    const el = next && inputs.current.get(next.id)
    if (el) {
      el.focus()
      el.select()
    }
  }

  const send = async (item: MeetingItem, body: TallyBody) => {
    try {
      await saveTally(meeting.id, item.id, body)
    } catch (e) {
      const question = (e as { body?: { errors?: { confirm?: string } } }).body?.errors?.confirm
      if (question) {
        setAsk({ item, body, question })
        return
      }
      throw e
    }
    notify('meetings.tally.saved', { type: 'success', messageArgs: { title: item.topicTitle } })
    setLastPresent(String(body.present))
    await onSaved()
    // After the refetch the decided row has no inputs left; the next open one takes the focus.
    setTimeout(() => focusAfter(item.id), 0)
  }

  const confirm = async () => {
    if (!ask) return
    const { item, body } = ask
    setAsk(null)
    try {
      await send(item, { ...body, confirm: true })
    } catch (e) {
      notifyError(e)
    }
  }

  if (!items.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('meetings.tally.empty')}
      </Typography>
    )
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('meetings.tally.hint')}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" data-testid="tally-table">
          <TableHead>
            <TableRow>
              <TableCell>#</TableCell>
              <TableCell>{translate('meetings.tally.topic')}</TableCell>
              {NUMBERS.map((k) => (
                <TableCell key={k} sx={{ whiteSpace: 'nowrap' }}>
                  {translate(`meetings.tally.${k}`)}
                </TableCell>
              ))}
              <TableCell>{translate('meetings.tally.decision')}</TableCell>
              <TableCell>{translate('meetings.tally.detail')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((item, index) =>
              item.decision ? (
                <DecidedRow key={item.id} item={item} index={index} />
              ) : (
                <OpenRow
                  key={item.id}
                  item={item}
                  index={index}
                  projects={projects}
                  defaultPresent={lastPresent}
                  writable={writable}
                  firstInput={(el) => {
                    if (el) inputs.current.set(item.id, el)
                    else inputs.current.delete(item.id)
                  }}
                  onSave={send}
                />
              ),
            )}
          </TableBody>
        </Table>
      </Box>
      <Dialog open={ask !== null} onClose={() => setAsk(null)} data-testid="tally-confirm">
        <DialogTitle>{translate('meetings.tally.confirmTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{ask?.question}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsk(null)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" autoFocus onClick={() => void confirm()}>
            {translate('meetings.tally.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  )
}

export default TallyTable
