import { DeleteButton, SaveButton, Toolbar } from 'react-admin'

/**
 * An edit form's toolbar: save on the left, delete on the right. Delete asks first and waits for
 * the server, which may refuse (a record still in use) and say why.
 * @example <SimpleForm toolbar={<SaveDeleteToolbar />}>
 */
export const SaveDeleteToolbar = ({ canDelete = true }: { canDelete?: boolean }) => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    {canDelete && <DeleteButton mutationMode="pessimistic" />}
  </Toolbar>
)
