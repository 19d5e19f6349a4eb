// "21–40 of 123" with previous and next; the offset lives in the URL like every filter.
import { Button } from 'react-aria-components';

interface Props {
  total: number;
  offset: number;
  limit: number;
  shown: number;
  onOffset: (offset: number) => void;
  noun: string;
}

export function Pager({ total, offset, limit, shown, onOffset, noun }: Props) {
  const first = total === 0 ? 0 : offset + 1;
  const last = offset + shown;
  return (
    <nav className="pager" aria-label={`${noun} pages`}>
      <p aria-live="polite">
        {total === 0
          ? `No ${noun}`
          : `${first.toLocaleString()}–${last.toLocaleString()} of ${total.toLocaleString()} ${noun}`}
      </p>
      <div className="pager-buttons">
        <Button
          className="button button-secondary"
          isDisabled={offset === 0}
          onPress={() => onOffset(Math.max(0, offset - limit))}
        >
          Previous page
        </Button>
        <Button
          className="button button-secondary"
          isDisabled={last >= total}
          onPress={() => onOffset(offset + limit)}
        >
          Next page
        </Button>
      </div>
    </nav>
  );
}
