// One query's three states before its data: loading, failed (with a retry), empty.
import type { UseQueryResult } from '@tanstack/react-query';
import type { Page } from '../api/types';
import { Pager } from './Pager';
import { Empty, ErrorMessage, Loading } from './QueryState';

interface Props<T> {
  query: UseQueryResult<T>;
  loading: string;
  isEmpty: (data: T) => boolean;
  empty: React.ReactNode;
  children: (data: T) => React.ReactNode;
}

export function QueryView<T>({ query, loading, isEmpty, empty, children }: Props<T>) {
  if (query.isPending) return <Loading label={loading} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty(query.data)) return <Empty>{empty}</Empty>;
  return (
    <>
      {children(query.data)}
      {query.isFetching && <Loading label="Updating…" />}
    </>
  );
}

/** A page of a paged list: its position and the previous/next buttons above it. */
export function PagedView<T>(props: {
  query: UseQueryResult<Page<T>>;
  loading: string;
  empty: React.ReactNode;
  noun: string;
  onOffset: (offset: number) => void;
  children: (items: T[]) => React.ReactNode;
}) {
  return (
    <QueryView
      query={props.query}
      loading={props.loading}
      isEmpty={(page) => page.items.length === 0}
      empty={props.empty}
    >
      {(page) => (
        <>
          <Pager
            total={page.total}
            {...(page.totalExact !== undefined ? { totalExact: page.totalExact } : {})}
            offset={page.offset}
            limit={page.limit}
            shown={page.items.length}
            noun={props.noun}
            onOffset={props.onOffset}
          />
          {props.children(page.items)}
        </>
      )}
    </QueryView>
  );
}
