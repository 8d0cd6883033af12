import { LinearProgress, Stack, Typography } from '@mui/material'
import { DataTable, List, useLocaleState, useTranslate } from 'react-admin'
import { formatDate } from '../../lib/format'
import { statusLabelKey } from '../../lib/status'
import type { JoinedProject } from './types'

const Col = DataTable.Col<JoinedProject>

/** The projects a partner joined (an accepted hand), newest first. */
const JoinedList = () => {
  const [locale] = useLocaleState()
  const translate = useTranslate()
  return (
    <List perPage={25} actions={false} sort={{ field: 'id', order: 'DESC' }}>
      <DataTable<JoinedProject> rowClick="show" bulkActionButtons={false} size="small">
        <Col source="title" disableSort />
        <Col source="neighborhoodName" disableSort />
        <Col
          source="status"
          disableSort
          render={(p) => translate(statusLabelKey('project', p.status))}
        />
        <Col
          source="progress"
          disableSort
          render={(p) => (
            <Stack spacing={0.5} sx={{ minWidth: 100 }}>
              <LinearProgress variant="determinate" value={p.progress} />
              <Typography variant="caption">
                {p.checklistDone}/{p.checklistTotal}
              </Typography>
            </Stack>
          )}
        />
        <Col source="deadlineAt" disableSort render={(p) => formatDate(p.deadlineAt, locale)} />
        <Col
          source="mine"
          disableSort
          render={(p) =>
            (p.mine.length ? p.mine : p.hands)
              .map((h) => h.taskTitle ?? translate('claims.wholeProject'))
              .join('、')
          }
        />
      </DataTable>
    </List>
  )
}

export default JoinedList
