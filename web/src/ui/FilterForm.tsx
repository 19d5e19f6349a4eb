// The search form every list screen shares: fields in a responsive grid, a date range that checks
// itself as it is typed, and "Search" / "Clear".
import { Button, Form } from 'react-aria-components';
import type { ApiError } from '../api/http';
import { TextInput } from './TextInput';

export function rangeProblem(from: string, to: string): string | undefined {
  return from && to && from > to ? '"To" must not be before "From".' : undefined;
}

interface Props {
  label: string;
  onSearch: () => void;
  onClear?: () => void;
  /** A problem with the form as a whole, shown above its fields. */
  problem?: string | undefined;
  children: React.ReactNode;
}

export function FilterForm({ label, onSearch, onClear, problem, children }: Props) {
  return (
    <Form
      className="filters"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        onSearch();
      }}
    >
      {problem && (
        <div role="alert" className="banner banner-error filters-wide">
          {problem}
        </div>
      )}
      {children}
      <div className="filter-actions">
        <Button type="submit" className="button">
          Search
        </Button>
        {onClear && (
          <Button className="button button-secondary" onPress={onClear}>
            Clear
          </Button>
        )}
      </div>
    </Form>
  );
}

export function DateRange(props: {
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
  apiError: ApiError | undefined;
  fromHint?: string;
  toHint?: string;
}) {
  const { from, to, onFrom, onTo, apiError, fromHint, toHint } = props;
  return (
    <>
      <TextInput
        label="From"
        name="from"
        type="date"
        value={from}
        onChange={onFrom}
        {...(fromHint ? { description: fromHint } : {})}
        errorMessage={apiError?.fieldError('from')}
      />
      <TextInput
        label="To"
        name="to"
        type="date"
        value={to}
        onChange={onTo}
        {...(toHint ? { description: toHint } : {})}
        errorMessage={rangeProblem(from, to) ?? apiError?.fieldError('to')}
      />
    </>
  );
}
