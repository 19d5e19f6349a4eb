// A consent's status history, oldest first: when, who, from -> to, why.
import type { HistoryEntry } from '../api/types';
import { DateTime } from './DateTime';

const ACTOR: Record<string, string> = {
  tpp: 'TPP',
  psu: 'Customer',
  officer: 'Officer',
  admin: 'Admin',
  bank: 'Bank',
  system: 'System',
  partner: 'Partner',
};

export function Timeline({ history }: { history: HistoryEntry[] }) {
  if (history.length === 0) return <p className="muted">No history.</p>;
  return (
    <ol className="timeline" aria-label="Status history">
      {history.map((h, i) => (
        <li key={`${h.at}-${i}`} className="timeline-item">
          <div className="timeline-when">
            <DateTime value={h.at} />
          </div>
          <div className="timeline-what">
            {h.fromStatus ? (
              <>
                <span title={h.fromStatus}>{h.fromLabel ?? h.fromStatus}</span> →{' '}
              </>
            ) : (
              'Created as '
            )}
            <strong title={h.toStatus}>{h.toLabel}</strong> <code className="wire">{h.toStatus}</code>
          </div>
          <div className="timeline-who">
            {ACTOR[h.actorType] ?? h.actorType} <span className="mono">{h.actorId}</span>
          </div>
          {h.reason && <div className="timeline-why">“{h.reason}”</div>}
        </li>
      ))}
    </ol>
  );
}
