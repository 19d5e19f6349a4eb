// A modal confirmation (React Aria Dialog: role="dialog", focus trapped, Escape closes).
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface Props {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: React.ReactNode;
  /** Set when the dialog has its own form and buttons. */
  custom?: boolean;
  confirmLabel?: string;
  onConfirm?: () => void;
  isPending?: boolean;
  tone?: 'danger' | 'primary';
}

export function ConfirmDialog(props: Props) {
  const { isOpen, onOpenChange, title, children, custom, confirmLabel, onConfirm, isPending, tone } = props;
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={!isPending} className="overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          {({ close }) => (
            <>
              <Heading slot="title">{title}</Heading>
              {children}
              {!custom && (
                <div className="dialog-buttons">
                  <Button className="button button-secondary" onPress={close} isDisabled={isPending}>
                    Cancel
                  </Button>
                  <Button
                    className={`button ${tone === 'danger' ? 'button-danger' : ''}`}
                    onPress={onConfirm}
                    isPending={isPending}
                    autoFocus
                  >
                    {confirmLabel}
                  </Button>
                </div>
              )}
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
