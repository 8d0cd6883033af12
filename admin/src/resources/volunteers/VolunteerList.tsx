import { Chip, Stack } from '@mui/material'
import { CreateButton, DataTable, List, SearchInput, TextInput, TopToolbar } from 'react-admin'
import { canSeePersonalData } from '@domain/masking'
import { useMe } from '../../lib/useMe'
import RevealPhone from '../../privacy/RevealPhone'
import type { Volunteer } from './types'

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <TextInput key="tag" source="tag" alwaysOn />,
]

const Words = ({ words, color }: { words: string[]; color?: 'secondary' }) => (
  <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
    {words.map((w) => (
      <Chip key={w} size="small" color={color} variant="outlined" label={w} />
    ))}
  </Stack>
)

const Col = DataTable.Col<Volunteer>
const NumberCol = DataTable.NumberCol<Volunteer>

const VolunteerList = () => {
  const { writable, role } = useMe()
  // A masked field cannot be sorted on (the API answers 400): viewers get no sort on names.
  const personal = !!role && canSeePersonalData(role)
  return (
    <List
      filters={filters}
      sort={{ field: 'totalHours', order: 'DESC' }}
      perPage={50}
      actions={<TopToolbar>{writable && <CreateButton />}</TopToolbar>}
    >
      <DataTable<Volunteer>
        rowClick={writable ? 'edit' : false}
        bulkActionButtons={false}
        size="small"
      >
        <Col source="name" disableSort={!personal} />
        <Col
          source="phone"
          disableSort
          render={(v) => <RevealPhone resource="volunteers" id={v.id} phone={v.phone} />}
        />
        <Col source="tags" disableSort render={(v) => <Words words={v.tags} color="secondary" />} />
        <Col source="skills" disableSort render={(v) => <Words words={v.skills} />} />
        <NumberCol source="totalHours" />
        <NumberCol source="shiftCount" />
        <NumberCol source="upcomingCount" disableSort />
        <Col source="code" disableSort />
      </DataTable>
    </List>
  )
}

export default VolunteerList
