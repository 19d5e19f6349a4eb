// "21–40 of 123" (or "of more than 10,020" when the server stopped counting) with previous and next; the
// offset lives in the URL like every filter.
import { Button } from 'react-aria-components';

interface Props {
  total: number;
  /** False: there are more than `total` matches. */
  totalExact?: boolean;
  offset: number;
  limit: number;
  shown: number;
  onOffset: (offset: number) => void;
  noun: string;
}

export function Pager({ total, totalExact = true, offset, limit, shown, onOffset, noun }: Props) {
  const first = total === 0 ? 0 : offset + 1;
  const last = offset + shown;
  const of = totalExact ? total.toLocaleString() : `more than ${total.toLocaleString()}`;
  return (
    <nav className="pager" aria-label={`${noun} pages`}>
      <p aria-live="polite">
        {total === 0 ? `No ${noun}` : `${first.toLocaleString()}–${last.toLocaleString()} of ${of} ${noun}`}
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
          isDisabled={totalExact && last >= total}
          onPress={() => onOffset(offset + limit)}
        >
          Next page
        </Button>
      </div>
    </nav>
  );
}
