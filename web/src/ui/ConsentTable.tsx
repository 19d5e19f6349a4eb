// The consent list of the search screen and of a customer: portal and wire status, id, TPP, user, dates.
import {
  Cell,
  Column,
  Link,
  Row,
  Table,
  TableBody,
  TableHeader,
  type SortDescriptor,
} from 'react-aria-components';
import type { ConsentSummary } from '../api/types';
import { DateTime } from './DateTime';
import { StatusBadge } from './StatusBadge';

interface Props {
  label: string;
  consents: ConsentSummary[];
  typeLabels?: Record<string, string>;
  order?: 'asc' | 'desc';
  onOrder?: (order: 'asc' | 'desc') => void;
}

export function ConsentTable({ label, consents, typeLabels = {}, order, onOrder }: Props) {
  const sort: SortDescriptor | undefined = order
    ? { column: 'createdAt', direction: order === 'asc' ? 'ascending' : 'descending' }
    : undefined;
  return (
    <div className="table-wrap">
      <Table
        aria-label={label}
        className="table"
        {...(sort ? { sortDescriptor: sort } : {})}
        onSortChange={(d) => onOrder?.(d.direction === 'ascending' ? 'asc' : 'desc')}
      >
        <TableHeader>
          <Column isRowHeader>Consent ID</Column>
          <Column>Status</Column>
          <Column>Type</Column>
          <Column>TPP</Column>
          <Column>User</Column>
          <Column id="createdAt" allowsSorting={Boolean(onOrder)}>
            {({ sortDirection }) => (
              <span className="sort-head">
                Created
                {sortDirection && (
                  <span aria-hidden="true">{sortDirection === 'ascending' ? ' ▲' : ' ▼'}</span>
                )}
              </span>
            )}
          </Column>
          <Column>Expires</Column>
        </TableHeader>
        <TableBody items={consents}>
          {(c) => (
            <Row id={c.consentId}>
              <Cell>
                <Link href={`/consents/${c.consentId}`} className="link mono">
                  {c.consentId}
                </Link>
              </Cell>
              <Cell>
                <StatusBadge code={c.status} label={c.statusLabel} wire={c.wireStatus} />
              </Cell>
              <Cell>{typeLabels[c.consentType] ?? c.consentType}</Cell>
              <Cell>
                <div>{c.clientName ?? c.clientId}</div>
                <div className="muted small mono">{c.clientId}</div>
              </Cell>
              <Cell>{c.userId ?? <span className="muted">—</span>}</Cell>
              <Cell>
                <DateTime value={c.createdAt} />
              </Cell>
              <Cell>
                <DateTime value={c.expiresAt} />
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
