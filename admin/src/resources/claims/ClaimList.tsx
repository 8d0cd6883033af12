import { useState } from 'react'
import { Button } from '@mui/material'
import { CLAIM_STATUSES } from '@domain/vocabulary'
import {
  CreateButton,
  DataTable,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  useListContext,
  useLocaleState,
  useNotify,
  useRefresh,
  useTranslate,
  useUnselectAll,
} from 'react-admin'
import { formatDateTime } from '../../lib/format'
import { useMe } from '../../lib/useMe'
import { useNotifyError } from '../../lib/useNotifyError'
import { PartnerKindChip } from '../partners/PartnerBits'
import { bulkMoveClaims } from './api'
import { ClaimMoveButtons, ClaimStatusChip, ClaimTarget, NoteDialog } from './ClaimBits'
import type { Claim } from './types'

const statusChoices = CLAIM_STATUSES.map((id) => ({ id, name: `claims.status.${id}` }))

const filters = [
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <SearchInput key="q" source="q" alwaysOn />,
]

/** Accept or decline the selected claims, all or nothing. */
const BulkMoves = () => {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const refresh = useRefresh()
  const { selectedIds } = useListContext()
  const unselectAll = useUnselectAll('claims')
  const [declining, setDeclining] = useState(false)
  const run = async (to: 'accepted' | 'declined', note?: string) => {
    try {
      const { data } = await bulkMoveClaims(selectedIds as number[], to, note)
      notify(to === 'accepted' ? 'claims.bulkAccepted' : 'claims.bulkDeclined', {
        type: 'success',
        messageArgs: { smart_count: data.length },
      })
      setDeclining(false)
      unselectAll()
      refresh()
    } catch (error) {
      notifyError(error)
    }
  }
  return (
    <>
      <Button size="small" variant="contained" onClick={() => run('accepted')}>
        {translate('claims.accept')}
      </Button>
      <Button size="small" color="error" onClick={() => setDeclining(true)}>
        {translate('claims.decline')}
      </Button>
      {declining && (
        <NoteDialog
          title={translate('claims.declineTitle')}
          label={translate('claims.declineNote')}
          required
          onSubmit={(note) => run('declined', note)}
          onClose={() => setDeclining(false)}
        />
      )}
    </>
  )
}

const Col = DataTable.Col<Claim>

/**
 * Hands raised (认领): for staff the queue to accept or decline (pending first by default, bulk
 * where sensible); for a partner login its own claims, withdrawn from here while they wait.
 */
const ClaimList = () => {
  const { role, writable } = useMe()
  const [locale] = useLocaleState()
  const translate = useTranslate()
  const partner = role === 'partner'
  return (
    <List
      filters={filters}
      filterDefaultValues={partner ? {} : { status: 'pending' }}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={50}
      actions={
        <TopToolbar>{(writable || partner) && <CreateButton label="claims.raise" />}</TopToolbar>
      }
    >
      <DataTable<Claim>
        rowClick={false}
        bulkActionButtons={writable ? <BulkMoves /> : false}
        isRowSelectable={(c) => c.status === 'pending'}
        size="small"
      >
        <Col source="createdAt" render={(c) => formatDateTime(c.createdAt, locale)} />
        {!partner && <Col source="neighborhoodName" disableSort />}
        <Col source="projectTitle" disableSort render={(c) => <ClaimTarget claim={c} />} />
        {!partner && (
          <Col
            source="claimant"
            disableSort
            render={(c) => (
              <>
                {c.claimant} <PartnerKindChip kind={c.partnerKind} />
              </>
            )}
          />
        )}
        <Col source="personName" disableSort />
        <Col source="offerTitle" disableSort />
        <Col source="message" disableSort />
        <Col source="status" render={(c) => <ClaimStatusChip status={c.status} />} />
        <Col source="decisionNote" disableSort />
        <Col source="source" disableSort render={(c) => translate(`claims.source.${c.source}`)} />
        <Col label="ra.action.edit" disableSort render={(c) => <ClaimMoveButtons claim={c} />} />
      </DataTable>
    </List>
  )
}

export default ClaimList
