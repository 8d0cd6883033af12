import { LinearProgress, Stack, Typography } from '@mui/material'
import {
  CreateButton,
  DataTable,
  List,
  ReferenceField,
  SearchInput,
  TextField,
  TopToolbar,
  useLocaleState,
  useTranslate,
} from 'react-admin'
import { formatDate } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import type { Programme } from './types'

/** Only admins and town staff define programmes (the server refuses the others). */
export const useCanDefine = () => {
  const { role } = useMe()
  return role === 'admin' || role === 'town'
}

const Actions = () => <TopToolbar>{useCanDefine() && <CreateButton />}</TopToolbar>

const Col = DataTable.Col<Programme>

/** The programmes of the towns one sees, newest period first. */
const ProgrammeList = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  return (
    <List
      filters={[<SearchInput key="q" source="q" alwaysOn />]}
      actions={<Actions />}
      sort={{ field: 'startsAt', order: 'DESC' }}
      title={translate('resources.programmes.name', { smart_count: 2 })}
    >
      <DataTable<Programme> rowClick="show" bulkActionButtons={false} size="small">
        <Col source="name" />
        <Col source="townId" disableSort>
          <ReferenceField source="townId" reference="towns" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </Col>
        <Col
          source="startsAt"
          label="programmes.tabs.timetable"
          render={(p) =>
            translate('programmes.period', {
              from: formatDate(p.startsAt, locale),
              to: formatDate(p.endsAt, locale),
            })
          }
        />
        <Col source="stepCount" disableSort align="right" />
        <Col source="neighborhoodCount" disableSort align="right" />
        <Col
          source="progress"
          disableSort
          render={(p) => (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 160 }}>
              <LinearProgress
                variant="determinate"
                value={p.progress}
                sx={{ flex: 1, height: 8, borderRadius: 4 }}
              />
              <Typography variant="caption" sx={{ whiteSpace: 'nowrap' }}>
                {translate('programmes.progress', { done: p.doneCount, total: p.itemCount })}
              </Typography>
            </Stack>
          )}
        />
      </DataTable>
    </List>
  )
}

export default ProgrammeList
