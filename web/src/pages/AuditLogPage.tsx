// Who did what: filter by officer, action, target and date, newest first, a page at a time.
import { useState } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { ApiError } from '../api/http';
import { useAuditEvents } from '../api/queries';
import { DateTime } from '../ui/DateTime';
import { DateRange, FilterForm, rangeProblem } from '../ui/FilterForm';
import { PagedView } from '../ui/QueryView';
import { SelectField } from '../ui/SelectField';
import { TextInput } from '../ui/TextInput';
import { localDayBoundary, offsetOf, useUrlFilters } from '../ui/url-state';

const FILTERS = ['actor', 'action', 'targetType', 'targetId', 'from', 'to'] as const;
const KEYS = [...FILTERS, 'offset'] as const;
type Draft = Record<(typeof FILTERS)[number], string>;
const PAGE_SIZE = 50;
const TARGET_TYPES = ['consent', 'customer', 'device', 'operator', 'client'].map((t) => ({
  id: t,
  label: t[0]!.toUpperCase() + t.slice(1),
}));

function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  const text = JSON.stringify(details);
  return text === '{}' ? '' : text;
}

export function AuditLogPage() {
  const [filters, setFilters] = useUrlFilters(KEYS);
  const initial = Object.fromEntries(FILTERS.map((k) => [k, filters[k]])) as Draft;
  const events = useAuditEvents({
    actor: filters.actor || undefined,
    action: filters.action || undefined,
    targetType: filters.targetType || undefined,
    targetId: filters.targetId || undefined,
    from: filters.from ? localDayBoundary(filters.from, false) : undefined,
    to: filters.to ? localDayBoundary(filters.to, true) : undefined,
    limit: String(PAGE_SIZE),
    offset: String(offsetOf(filters.offset)),
  });
  const apiError = events.error instanceof ApiError ? events.error : undefined;

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <AuditFilters
        key={JSON.stringify(initial)}
        initial={initial}
        apiError={apiError}
        onSearch={(draft) => setFilters({ ...draft, offset: '' })}
        onClear={() => setFilters({ ...Object.fromEntries(FILTERS.map((k) => [k, ''])), offset: '' })}
      />
      <div className="results" aria-busy={events.isFetching}>
        <PagedView
          query={events}
          loading="Loading the audit log…"
          empty="No audit events match these filters."
          noun="events"
          onOffset={(o) => setFilters({ offset: o ? String(o) : '' })}
        >
          {(items) => (
            <>
              <div className="table-wrap">
                <Table aria-label="Audit events" className="table">
                  <TableHeader>
                    <Column isRowHeader>Time</Column>
                    <Column>Who</Column>
                    <Column>Action</Column>
                    <Column>Target</Column>
                    <Column>Details</Column>
                  </TableHeader>
                  <TableBody items={items.map((e) => ({ ...e, id: e.eventId }))}>
                    {(e) => (
                      <Row id={e.eventId}>
                        <Cell>
                          <DateTime value={e.at} />
                        </Cell>
                        <Cell>
                          {e.actorId}
                          <div className="muted small">{e.actorType}</div>
                        </Cell>
                        <Cell>
                          <code>{e.action}</code>
                        </Cell>
                        <Cell>
                          {e.targetType}
                          <div className="mono small break">{e.targetId}</div>
                        </Cell>
                        <Cell>
                          <code className="details small break">{detailsText(e.details)}</code>
                          {e.interactionId && (
                            <div className="muted small" title="Interaction id">
                              {e.interactionId}
                            </div>
                          )}
                        </Cell>
                      </Row>
                    )}
                  </TableBody>
                </Table>
              </div>
            </>
          )}
        </PagedView>
      </div>
    </section>
  );
}

function AuditFilters(props: {
  initial: Draft;
  apiError: ApiError | undefined;
  onSearch: (draft: Draft) => void;
  onClear: () => void;
}) {
  const { apiError } = props;
  const [draft, setDraft] = useState<Draft>(props.initial);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const text = (key: 'actor' | 'action' | 'targetId', label: string, placeholder?: string) => (
    <TextInput
      label={label}
      name={key}
      value={draft[key]}
      onChange={set(key)}
      {...(placeholder ? { placeholder } : {})}
      errorMessage={apiError?.fieldError(key)}
    />
  );
  return (
    <FilterForm
      label="Filter the audit log"
      onClear={props.onClear}
      onSearch={() => {
        if (rangeProblem(draft.from, draft.to)) return;
        props.onSearch(Object.fromEntries(FILTERS.map((k) => [k, draft[k].trim()])) as Draft);
      }}
    >
      {text('actor', 'Officer', 'e.g. ann@gold.com')}
      {text('action', 'Action', 'e.g. consent.revoked')}
      <SelectField
        label="Target type"
        anyLabel="Any target"
        options={TARGET_TYPES}
        value={draft.targetType}
        onChange={set('targetType')}
        errorMessage={apiError?.fieldError('targetType')}
      />
      {text('targetId', 'Target ID')}
      <DateRange from={draft.from} to={draft.to} onFrom={set('from')} onTo={set('to')} apiError={apiError} />
    </FilterForm>
  );
}
