import { Chip, Stack, Typography } from '@mui/material'
import { publicClaimantLines } from '@domain/partners/claim-workflow'
import {
  CreateButton,
  DataTable,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { formatDate } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import { useOfferKindWords } from '../partners/PartnerBits'
import type { HelpWanted } from './types'

// The 需求清单 in the admin: adopted projects and their open tasks still looking for help (the
// same list as the public page /h/<town>), each with a button to raise a hand for it.

const Raise = ({ projectId, taskId }: { projectId: number; taskId?: number }) => (
  <CreateButton
    resource="claims"
    label={taskId ? 'claims.raiseTask' : 'claims.raise'}
    state={{ record: { projectId, checklistItemId: taskId ?? '' } }}
    onClick={(e: { stopPropagation: () => void }) => e.stopPropagation()}
  />
)

const Mine = ({ p, taskId }: { p: HelpWanted; taskId: number | null }) => {
  const translate = useTranslate()
  const hand = p.mine.find((m) => m.checklistItemId === taskId)
  return hand ? (
    <Chip
      size="small"
      color={hand.status === 'accepted' ? 'success' : 'warning'}
      label={translate(`claims.mine.${hand.status}`)}
    />
  ) : null
}

const Tasks = ({ p, canRaise }: { p: HelpWanted; canRaise: boolean }) => {
  const [locale] = useLocaleState()
  const words = useOfferKindWords()
  const translate = useTranslate()
  return (
    <Stack spacing={1} sx={{ py: 1 }} data-testid={`help-wanted-tasks-${p.id}`}>
      {p.tasks.map((t) => (
        <Stack
          key={t.id}
          direction="row"
          spacing={1}
          sx={{ alignItems: 'center' }}
          data-testid={`help-wanted-task-${t.id}`}
        >
          <Typography variant="body2" sx={{ flex: 1 }}>
            {t.title}
            {t.dueAt !== null && ` · ${formatDate(t.dueAt, locale)}`}
            {t.kinds.length > 0 && ` · ${translate('claims.needs', { kinds: words(t.kinds) })}`}
            {t.note && ` · ${t.note}`}
          </Typography>
          <Mine p={p} taskId={t.id} />
          {canRaise && !p.mine.some((m) => m.checklistItemId === t.id) && (
            <Raise projectId={p.id} taskId={t.id} />
          )}
        </Stack>
      ))}
    </Stack>
  )
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="categoryId" source="categoryId" reference="categories" alwaysOn>
    <SelectInput optionText="name" />
  </ReferenceInput>,
]

const Col = DataTable.Col<HelpWanted>

const HelpWantedList = () => {
  const { role, writable } = useMe()
  const [locale] = useLocaleState()
  const translate = useTranslate()
  const words = useOfferKindWords()
  const canRaise = writable || role === 'partner'
  const lang = locale === 'en' ? 'en' : 'zh'
  return (
    <List
      filters={role === 'partner' ? filters.slice(0, 1) : filters}
      perPage={25}
      actions={false}
      sort={{ field: 'id', order: 'ASC' }}
    >
      <DataTable<HelpWanted>
        rowClick={(_id, _resource, p) => (p.tasks.length > 0 ? 'expand' : false)}
        bulkActionButtons={false}
        expand={<ExpandTasks canRaise={canRaise} />}
        expandSingle={false}
        isRowExpandable={(p) => p.tasks.length > 0}
        size="small"
      >
        <Col source="title" disableSort />
        <Col source="neighborhoodName" disableSort />
        <Col source="deadlineAt" disableSort render={(p) => formatDate(p.deadlineAt, locale)} />
        <Col
          source="kinds"
          disableSort
          render={(p) => [words(p.kinds), p.note].filter(Boolean).join(' · ')}
        />
        <Col
          source="tasks"
          disableSort
          render={(p) => translate('claims.more', { smart_count: p.tasks.length })}
        />
        <Col
          source="claimants"
          disableSort
          render={(p) => publicClaimantLines(p.claimants, lang).join('；')}
        />
        <Col
          label="claims.raise"
          disableSort
          render={(p) =>
            p.looking ? (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Mine p={p} taskId={null} />
                {canRaise && !p.mine.some((m) => m.checklistItemId === null) && (
                  <Raise projectId={p.id} />
                )}
              </Stack>
            ) : null
          }
        />
      </DataTable>
    </List>
  )
}

/** The open tasks of the expanded project. */
const ExpandTasks = ({ canRaise }: { canRaise: boolean }) => {
  const p = useRecordContext<HelpWanted>()
  return p ? <Tasks p={p} canRaise={canRaise} /> : null
}

export default HelpWantedList
