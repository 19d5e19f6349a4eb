// Layout pieces of the detail screens: titled panels, term/value facts, and a way back.
import { Link, useNavigate } from 'react-router';

export function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `panel-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Back to the list the officer came from (with its filters), or to the list itself on a fresh tab. */
export function BackLink({ fallback, label }: { fallback: string; label: string }) {
  const navigate = useNavigate();
  const cameFromPortal = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  return (
    <p className="back">
      <Link
        to={fallback}
        className="link"
        onClick={(event) => {
          if (!cameFromPortal) return;
          event.preventDefault();
          void navigate(-1);
        }}
      >
        ← {label}
      </Link>
    </p>
  );
}
