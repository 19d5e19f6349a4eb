// Seed 000's search: consent type (Accounts by default), user, TPP application, status and a date range,
// one or more at once. The URL holds the search, so it can be shared and reloaded.
import { useState } from 'react';
import { ApiError } from '../api/http';
import { useConsentSearch, useMeta, useTppClients } from '../api/queries';
import { ConsentTable } from '../ui/ConsentTable';
import { DateRange, FilterForm, rangeProblem } from '../ui/FilterForm';
import { ErrorMessage } from '../ui/QueryState';
import { PagedView } from '../ui/QueryView';
import { SelectField } from '../ui/SelectField';
import { TextInput } from '../ui/TextInput';
import { localDayBoundary, offsetOf, useUrlFilters } from '../ui/url-state';

const KEYS = ['consentType', 'userId', 'clientId', 'status', 'from', 'to', 'order', 'offset'] as const;
const FILTERS = ['consentType', 'userId', 'clientId', 'status', 'from', 'to'] as const;
type Draft = Record<(typeof FILTERS)[number], string>;
const PAGE_SIZE = 20;
const DEFAULT_TYPE = 'accounts';

export function ConsentSearchPage() {
  const [filters, setFilters] = useUrlFilters(KEYS);
  const meta = useMeta();
  const order = filters.order === 'asc' ? 'asc' : 'desc';
  const initial = Object.fromEntries(FILTERS.map((k) => [k, filters[k]])) as Draft;
  initial.consentType ||= DEFAULT_TYPE;

  const search = useConsentSearch({
    consentType: initial.consentType,
    userId: filters.userId || undefined,
    clientId: filters.clientId || undefined,
    status: filters.status || undefined,
    from: filters.from ? localDayBoundary(filters.from, false) : undefined,
    to: filters.to ? localDayBoundary(filters.to, true) : undefined,
    order,
    limit: String(PAGE_SIZE),
    offset: String(offsetOf(filters.offset)),
  });
  const apiError = search.error instanceof ApiError ? search.error : undefined;
  const typeLabels = Object.fromEntries((meta.data?.consentTypes ?? []).map((t) => [t.code, t.label]));

  return (
    <section aria-labelledby="consents-title">
      <h1 id="consents-title">Consents</h1>
      {meta.isError && <ErrorMessage error={meta.error} onRetry={() => void meta.refetch()} />}
      {/* Back/forward and shared links change the URL: a new key starts the form again from it. */}
      <ConsentFilters
        key={JSON.stringify(initial)}
        initial={initial}
        apiError={apiError}
        onSearch={(draft) => setFilters({ ...draft, offset: '' })}
        onClear={() => setFilters({ ...Object.fromEntries(FILTERS.map((k) => [k, ''])), offset: '' })}
      />
      <div className="results" aria-busy={search.isFetching}>
        <PagedView
          query={search}
          loading="Searching consents…"
          empty="No consents match this search. Change or clear a filter and search again."
          noun="consents"
          onOffset={(o) => setFilters({ offset: o ? String(o) : '' })}
        >
          {(items) => (
            <>
              <ConsentTable
                label="Consents found"
                consents={items}
                typeLabels={typeLabels}
                order={order}
                onOrder={(o) => setFilters({ order: o === 'desc' ? '' : o, offset: '' })}
              />
            </>
          )}
        </PagedView>
      </div>
    </section>
  );
}

function ConsentFilters(props: {
  initial: Draft;
  apiError: ApiError | undefined;
  onSearch: (draft: Draft) => void;
  onClear: () => void;
}) {
  const { apiError } = props;
  const meta = useMeta();
  const clients = useTppClients();
  const [draft, setDraft] = useState<Draft>(props.initial);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <FilterForm
      label="Search consents"
      onClear={props.onClear}
      onSearch={() => {
        if (!rangeProblem(draft.from, draft.to)) props.onSearch({ ...draft, userId: draft.userId.trim() });
      }}
    >
      <SelectField
        label="Consent type"
        options={(meta.data?.consentTypes ?? [{ code: DEFAULT_TYPE, label: 'Accounts' }]).map((t) => ({
          id: t.code,
          label: t.label,
        }))}
        value={draft.consentType}
        onChange={set('consentType')}
        errorMessage={apiError?.fieldError('consentType')}
      />
      <TextInput
        label="User ID"
        name="userId"
        value={draft.userId}
        onChange={set('userId')}
        errorMessage={apiError?.fieldError('userId')}
        placeholder="e.g. pauls_wallet@yahoo.com"
      />
      <SelectField
        label="TPP application"
        anyLabel="All TPP applications"
        options={(clients.data?.items ?? []).map((c) => ({
          id: c.clientId,
          label: c.active ? c.name : `${c.name} (disabled)`,
        }))}
        value={draft.clientId}
        onChange={set('clientId')}
        errorMessage={
          apiError?.fieldError('clientId') ??
          (clients.isError ? 'The TPP applications could not be loaded.' : undefined)
        }
      />
      <SelectField
        label="Status"
        anyLabel="Any status"
        options={(meta.data?.statuses ?? []).map((s) => ({ id: s.code, label: s.label }))}
        value={draft.status}
        onChange={set('status')}
        errorMessage={apiError?.fieldError('status')}
      />
      <DateRange
        from={draft.from}
        to={draft.to}
        onFrom={set('from')}
        onTo={set('to')}
        apiError={apiError}
        fromHint="Created on or after"
        toHint="Created on or before"
      />
    </FilterForm>
  );
}
