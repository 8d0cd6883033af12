import type { ReactNode } from 'react'
import { Box } from '@mui/material'
import {
  AutocompleteArrayInput,
  FormDataConsumer,
  ReferenceArrayInput,
  ReferenceInput,
  required,
  SelectInput,
} from 'react-admin'
import { SaveDeleteToolbar } from '../layout/SaveDeleteToolbar'
import { useMe } from '../lib/useMe'

// Inputs the record forms share (meetings, projects, activities).

/** Inputs side by side, wrapping on a narrow screen. */
export const FormRow = ({ children }: { children: ReactNode }) => (
  <Box sx={{ display: 'flex', gap: 2, width: '100%', flexWrap: 'wrap' }}>{children}</Box>
)

/** The record's neighborhood: chosen on create, fixed afterwards. */
export const NeighborhoodInput = ({ isCreate }: { isCreate: boolean }) => (
  <ReferenceInput
    source="neighborhoodId"
    reference="neighborhoods"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <SelectInput
      optionText="name"
      validate={required()}
      disabled={!isCreate}
      sx={{ minWidth: 200 }}
    />
  </ReferenceInput>
)

/**
 * Topics of the neighborhood chosen in the form, in the given statuses (`topicIds`); disabled
 * until a neighborhood is chosen.
 * @example <TopicsInput statuses={AGENDA_TOPIC_STATUSES} sortBy="supportCount" label="…" fullWidth />
 */
export const TopicsInput = ({
  statuses,
  sortBy,
  label,
  fullWidth,
}: {
  statuses: readonly string[]
  sortBy: string
  label: string
  fullWidth?: boolean
}) => (
  <FormDataConsumer>
    {({ formData: { neighborhoodId } }) => (
      <ReferenceArrayInput
        source="topicIds"
        reference="topics"
        filter={{ status: statuses, ...(neighborhoodId && { neighborhoodId }) }}
        sort={{ field: sortBy, order: 'DESC' }}
        perPage={50}
      >
        <AutocompleteArrayInput
          optionText={(t: { id: number; title: string }) => `#${t.id} ${t.title}`}
          filterToQuery={(q) => ({ q })}
          label={label}
          disabled={!neighborhoodId}
          fullWidth={fullWidth}
        />
      </ReferenceArrayInput>
    )}
  </FormDataConsumer>
)

/** An edit form's toolbar: delete only for roles that may write. */
export const EditToolbar = () => <SaveDeleteToolbar canDelete={useMe().writable} />
