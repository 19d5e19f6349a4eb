// The portal's status name (seed 000) with the wire status a TPP reads beside it.
const TONE: Record<string, string> = {
  Valid: 'good',
  Received: 'info',
  PartiallyAuthorised: 'info',
  Rejected: 'bad',
  RevokedByPSU: 'bad',
  TerminatedByTPP: 'bad',
  Expired: 'neutral',
  Consumed: 'neutral',
};

export function StatusBadge({ code, label, wire }: { code: string; label: string; wire?: string }) {
  return (
    <span className="status">
      <span className={`badge badge-${TONE[code] ?? 'neutral'}`}>{label}</span>
      {wire && <code className="wire">{wire}</code>}
    </span>
  );
}

export function Flag({ on, yes, no, tone }: { on: boolean; yes: string; no: string; tone: 'good' | 'bad' }) {
  const other = tone === 'good' ? 'bad' : 'good';
  return <span className={`badge badge-${on ? tone : other}`}>{on ? yes : no}</span>;
}
