// Loading, error and empty states, announced to screen readers.
import { Button, ProgressBar } from 'react-aria-components';
import { ApiError } from '../api/http';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <ProgressBar isIndeterminate aria-label={label} className="loading">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </ProgressBar>
  );
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Try again.';
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div role="alert" className="banner banner-error">
      <span>{errorText(error)}</span>
      {onRetry && (
        <Button className="button button-small" onPress={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return (
    <div className="empty" role="status">
      {children}
    </div>
  );
}
