import { Box, Typography } from '@mui/material'
import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  List,
  NullableBooleanInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  TextField,
  TopToolbar,
  useLocaleState,
  useTranslate,
} from 'react-admin'
import { formatDateTime } from '../../lib/format'
import { statusChoices } from '../../lib/status'
import { useMe } from '../../lib/useMe'
import {
  Deadline,
  OverdueChip,
  overdueSx,
  ProgressBar,
  type Project,
  ProjectStatusChip,
  ProjectViewTabs,
} from './ProjectBits'

/** Filters shared by the list, the board and the deadline view. */
export const projectFilters = (opts: { withStatus: boolean; withNeighborhood: boolean }) =>
  [
    <SearchInput key="q" source="q" alwaysOn />,
    opts.withStatus && (
      <SelectArrayInput key="status" source="status" choices={statusChoices('project')} alwaysOn />
    ),
    opts.withNeighborhood && (
      <ReferenceInput
        key="neighborhoodId"
        source="neighborhoodId"
        reference="neighborhoods"
        alwaysOn
      >
        <AutocompleteInput optionText="name" filterToQuery={(q) => ({ q })} />
      </ReferenceInput>
    ),
    <ReferenceInput key="ownerUserId" source="ownerUserId" reference="users" alwaysOn>
      <AutocompleteInput optionText="displayName" filterToQuery={(q) => ({ q })} />
    </ReferenceInput>,
    <NullableBooleanInput key="overdue" source="overdue" alwaysOn />,
  ].filter(Boolean) as React.ReactElement[]

/** Whether a neighborhood picker is worth offering (staff with one neighborhood need none). */
export const useNeedsNeighborhood = () => {
  const { me } = useMe()
  return me
    ? me.neighborhoodIds === null || me.neighborhoodIds.length > 1 || me.role === 'town'
    : false
}

const Actions = () => {
  const { writable } = useMe()
  return <TopToolbar>{writable && <CreateButton />}</TopToolbar>
}

const Title = ({ project }: { project: Project }) => (
  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
    <Typography variant="body2" sx={{ fontWeight: 500 }}>
      {project.title}
    </Typography>
    {project.overdue && <OverdueChip />}
  </Box>
)

const Col = DataTable.Col<Project>
const nowrap = () => ({ whiteSpace: 'nowrap' })

const ProjectList = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const withNeighborhood = useNeedsNeighborhood()
  return (
    <>
      <ProjectViewTabs current="list" />
      <List
        filters={projectFilters({ withStatus: true, withNeighborhood })}
        actions={<Actions />}
        sort={{ field: 'updatedAt', order: 'DESC' }}
        perPage={25}
        title={translate('resources.projects.name', { smart_count: 2 })}
      >
        <DataTable<Project>
          rowClick="show"
          bulkActionButtons={false}
          rowSx={(record) => (record.overdue ? overdueSx : {})}
          size="small"
        >
          <Col source="id" />
          <Col source="title" render={(record) => <Title project={record} />} />
          <Col source="neighborhoodId" disableSort cellSx={nowrap}>
            <ReferenceField source="neighborhoodId" reference="neighborhoods" link={false}>
              <TextField source="name" />
            </ReferenceField>
          </Col>
          <Col source="ownerUserId" disableSort>
            <ReferenceField source="ownerUserId" reference="users" link={false} emptyText="—">
              <TextField source="displayName" />
            </ReferenceField>
          </Col>
          <Col source="owningBody" disableSort />
          <Col source="status" render={(record) => <ProjectStatusChip status={record.status} />} />
          <Col
            source="deadlineAt"
            cellSx={nowrap}
            render={(record) => <Deadline project={record} />}
          />
          <Col
            source="progress"
            disableSort
            render={(record) => <ProgressBar project={record} />}
          />
          <Col
            source="topicIds"
            disableSort
            align="right"
            render={(record) => record.topicIds?.length ?? 0}
          />
          <Col
            source="updatedAt"
            cellSx={nowrap}
            render={(record) => formatDateTime(record.updatedAt, locale)}
          />
        </DataTable>
      </List>
    </>
  )
}

export default ProjectList
