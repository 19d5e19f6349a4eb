// Seed 001's look-up: by phone, e-mail, name, username or customer id. A phone is not unique, so every
// match is listed with what tells them apart (address, birthday, created, active, locked).
import { useState } from 'react';
import { Cell, Column, Link, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { ApiError } from '../api/http';
import { useCustomerLookup } from '../api/queries';
import { addressText, birthdayText, fullName } from '../ui/customer-format';
import { DateTime } from '../ui/DateTime';
import { QueryView } from '../ui/QueryView';
import { Flag } from '../ui/StatusBadge';
import { FilterForm } from '../ui/FilterForm';
import { TextInput } from '../ui/TextInput';
import { useUrlFilters } from '../ui/url-state';

const KEYS = ['phone', 'email', 'name', 'username', 'customerId'] as const;
const LABELS: Record<(typeof KEYS)[number], string> = {
  phone: 'Phone',
  email: 'Email',
  name: 'Name',
  username: 'Username',
  customerId: 'Customer ID',
};

export function CustomerSearchPage() {
  const [filters, setFilters] = useUrlFilters(KEYS);

  const criteria = Object.fromEntries(KEYS.filter((k) => filters[k]).map((k) => [k, filters[k]]));
  const hasCriteria = Object.keys(criteria).length > 0;
  const lookup = useCustomerLookup(criteria, hasCriteria);
  const apiError = lookup.error instanceof ApiError ? lookup.error : undefined;

  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">Customers</h1>
      <CustomerFilters
        key={JSON.stringify(filters)}
        initial={filters}
        apiError={apiError}
        onSearch={setFilters}
      />

      <div className="results">
        {!hasCriteria ? (
          <p className="muted">Look a customer up by any of the fields above, then verify who is calling.</p>
        ) : (
          <QueryView
            query={lookup}
            loading="Looking up customers…"
            isEmpty={(found) => found.items.length === 0}
            empty="No customer matches. Check the spelling, or search by another field."
          >
            {(found) => (
              <>
                <p aria-live="polite">
                  {found.items.length === 1
                    ? '1 customer matches.'
                    : `${found.items.length} customers match: verify the caller, then pick the right one.`}
                  {found.truncated && ' Only the newest matches are shown; narrow the search.'}
                </p>
                <div className="table-wrap">
                  <Table aria-label="Customers found" className="table">
                    <TableHeader>
                      <Column isRowHeader>Name</Column>
                      <Column>Username</Column>
                      <Column>Phone</Column>
                      <Column>Address</Column>
                      <Column>Birthday</Column>
                      <Column>Customer since</Column>
                      <Column>Wallet</Column>
                    </TableHeader>
                    <TableBody items={found.items.map((c) => ({ ...c, id: c.customerId }))}>
                      {(c) => (
                        <Row id={c.customerId}>
                          <Cell>
                            <Link
                              className="link strong nowrap"
                              href={`/customers/${encodeURIComponent(c.customerId)}`}
                            >
                              {fullName(c)}
                            </Link>
                            <div className="muted small mono">{c.customerId}</div>
                          </Cell>
                          <Cell>
                            {c.username}
                            {c.email && c.email !== c.username && (
                              <div className="muted small">{c.email}</div>
                            )}
                          </Cell>
                          <Cell>{c.phone ?? '—'}</Cell>
                          <Cell>{addressText(c.address)}</Cell>
                          <Cell>{birthdayText(c.birthday)}</Cell>
                          <Cell>
                            <DateTime value={c.createdAt} dateOnly />
                          </Cell>
                          <Cell>
                            <div className="flags">
                              <Flag on={c.active} yes="Active" no="Inactive" tone="good" />
                              <Flag on={c.locked} yes="Locked" no="Not locked" tone="bad" />
                            </div>
                          </Cell>
                        </Row>
                      )}
                    </TableBody>
                  </Table>
                </div>
              </>
            )}
          </QueryView>
        )}
      </div>
    </section>
  );
}

type Criteria = Record<(typeof KEYS)[number], string>;

function CustomerFilters(props: {
  initial: Criteria;
  apiError: ApiError | undefined;
  onSearch: (criteria: Criteria) => void;
}) {
  const { apiError } = props;
  const [draft, setDraft] = useState(props.initial);
  const [noCriteria, setNoCriteria] = useState(false);
  return (
    <FilterForm
      label="Look up a customer"
      problem={
        noCriteria ? 'Fill in at least one of Phone, Email, Name, Username or Customer ID.' : undefined
      }
      onSearch={() => {
        const trimmed = Object.fromEntries(KEYS.map((k) => [k, draft[k].trim()])) as Criteria;
        const none = !KEYS.some((k) => trimmed[k]);
        setNoCriteria(none);
        if (!none) props.onSearch(trimmed);
      }}
    >
      {KEYS.map((k) => (
        <TextInput
          key={k}
          label={LABELS[k]}
          name={k}
          {...(k === 'phone' ? { type: 'tel' } : k === 'email' ? { inputMode: 'email' } : {})}
          value={draft[k]}
          onChange={(v) => setDraft((d) => ({ ...d, [k]: v }))}
          errorMessage={apiError?.fieldError(k)}
        />
      ))}
    </FilterForm>
  );
}
