import { useState } from 'react'
import {
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material'
import { useCreate, useNotify, useRefresh, useTranslate } from 'react-admin'
import FormDialog from '../../common/FormDialog'
import { useNotifyError } from '../../lib/useNotifyError'

const RESOLVED = ['solved', 'partly', 'not'] as const

/**
 * Staff enter one paper rating sheet of a done project (POST /api/evaluations, source 'paper',
 * audited on the server). It counts in the figures beside the residents' own ratings.
 */
const PaperEvaluationDialog = ({
  projectId,
  open,
  onClose,
}: {
  projectId: number
  open: boolean
  onClose: () => void
}) => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const refresh = useRefresh()
  const [create, { isPending }] = useCreate()
  const [resolved, setResolved] = useState('')
  const [satisfaction, setSatisfaction] = useState('')
  const [comment, setComment] = useState('')
  const ready = resolved !== '' && satisfaction !== ''
  const reset = () => {
    setResolved('')
    setSatisfaction('')
    setComment('')
  }
  const submit = () =>
    create(
      'evaluations',
      {
        data: {
          projectId,
          source: 'paper',
          resolved,
          satisfaction: Number(satisfaction),
          comment: comment.trim(),
        },
      },
      {
        onSuccess: () => {
          notify('projects.evaluations.paperSaved', { type: 'success' })
          reset()
          onClose()
          refresh()
        },
        onError: notifyError,
      },
    )
  const t = (key: string) => translate(`projects.evaluations.${key}`)
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t('paperTitle')}
      onSubmit={submit}
      ready={ready}
      busy={isPending}
      submitLabel="ra.action.save"
      maxWidth="xs"
    >
      <Stack spacing={2}>
        <FormControl>
          <FormLabel id="paper-resolved">{t('resolved')}</FormLabel>
          <RadioGroup
            row
            aria-labelledby="paper-resolved"
            value={resolved}
            onChange={(e) => setResolved(e.target.value)}
          >
            {RESOLVED.map((r) => (
              <FormControlLabel
                key={r}
                value={r}
                control={<Radio />}
                label={t(`resolvedValue.${r}`)}
              />
            ))}
          </RadioGroup>
        </FormControl>
        <FormControl>
          <FormLabel id="paper-satisfaction">{t('satisfactionOne')}</FormLabel>
          <RadioGroup
            row
            aria-labelledby="paper-satisfaction"
            value={satisfaction}
            onChange={(e) => setSatisfaction(e.target.value)}
          >
            {['1', '2', '3', '4', '5'].map((s) => (
              <FormControlLabel key={s} value={s} control={<Radio />} label={s} />
            ))}
          </RadioGroup>
        </FormControl>
        <TextField
          label={t('comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          multiline
          minRows={2}
          slotProps={{ htmlInput: { maxLength: 500 } }}
        />
      </Stack>
    </FormDialog>
  )
}

export default PaperEvaluationDialog
