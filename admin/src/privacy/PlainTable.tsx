import type { ReactNode } from 'react'
import { Card, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material'

export type Column = { label: string; align?: 'right' }

/**
 * The privacy screens' small read-only table: a header row, a one-line `empty` row when there
 * is nothing to show, then the rows the screen draws.
 * @example <PlainTable testId="purge-log" columns={[{ label: '时间' }]} empty={rows.length ? null : '暂无'}>…</PlainTable>
 */
const PlainTable = ({
  testId,
  columns,
  empty,
  children,
}: {
  testId: string
  columns: Column[]
  /** Shown across the table when set (the screen decides when it is empty). */
  empty?: ReactNode
  children: ReactNode
}) => (
  <Card variant="outlined">
    <Table size="small" data-testid={testId}>
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableCell key={c.label} align={c.align}>
              {c.label}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {empty ? (
          <TableRow>
            <TableCell colSpan={columns.length}>{empty}</TableCell>
          </TableRow>
        ) : null}
        {children}
      </TableBody>
    </Table>
  </Card>
)

export default PlainTable
