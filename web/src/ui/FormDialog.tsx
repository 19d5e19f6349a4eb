// A dialog holding one form: its own error above the fields (field errors sit next to their fields),
// then Cancel and the submit button.
import { Button, Form } from 'react-aria-components';
import { ApiError } from '../api/http';
import { ConfirmDialog } from './ConfirmDialog';
import { errorText } from './QueryState';

/** An error that names no field is the form's; one that does is shown by that field. */
export function FormError({ error }: { error: unknown }) {
  if (!error || (error instanceof ApiError && error.details.length > 0)) return null;
  return (
    <div role="alert" className="banner banner-error">
      {errorText(error)}
    </div>
  );
}

export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(path) : undefined;
}

interface Props {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  tone?: 'danger' | 'primary';
  intro?: React.ReactNode;
  children: React.ReactNode;
}

export function FormDialog({
  title,
  onClose,
  onSubmit,
  submitLabel,
  pending,
  error,
  tone,
  intro,
  children,
}: Props) {
  return (
    <ConfirmDialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={title}
      custom
      isPending={pending}
    >
      {intro}
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <FormError error={error} />
        {children}
        <div className="dialog-buttons">
          <Button className="button button-secondary" onPress={onClose} isDisabled={pending}>
            Cancel
          </Button>
          <Button
            type="submit"
            className={`button ${tone === 'danger' ? 'button-danger' : ''}`}
            isPending={pending}
          >
            {submitLabel}
          </Button>
        </div>
      </Form>
    </ConfirmDialog>
  );
}
