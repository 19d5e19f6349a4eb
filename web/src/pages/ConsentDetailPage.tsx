// One consent in full: who, what, which accounts, its authorisations and its status history as a
// timeline. Officers revoke it here for the customer (never a payment consent).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api/http';
import { useConsent, useMeta } from '../api/queries';
import type { ConsentDetail } from '../api/types';
import { FormDialog, fieldError } from '../ui/FormDialog';
import { DateTime } from '../ui/DateTime';
import { BackLink, Fact, Panel } from '../ui/Panel';
import { ErrorMessage, Loading } from '../ui/QueryState';
import { StatusBadge } from '../ui/StatusBadge';
import { TextInput } from '../ui/TextInput';
import { Timeline } from '../ui/Timeline';

export function ConsentDetailPage() {
  const { consentId = '' } = useParams();
  const consent = useConsent(consentId);
  const meta = useMeta();
  const [revokeOpen, setRevokeOpen] = useState(false);
  const [revoked, setRevoked] = useState(false);

  if (consent.isPending) return <Loading label="Loading the consent…" />;
  if (consent.isError)
    return (
      <section>
        <BackLink fallback="/consents" label="Back to consents" />
        <h1>Consent</h1>
        <ErrorMessage
          error={consent.error}
          {...(consent.error instanceof ApiError && consent.error.status === 404
            ? {}
            : { onRetry: () => void consent.refetch() })}
        />
      </section>
    );
  const c = consent.data;
  const typeLabel = meta.data?.consentTypes.find((t) => t.code === c.consentType)?.label ?? c.consentType;
  const isPayment = c.consentType === 'payments';

  return (
    <section aria-labelledby="consent-title">
      <BackLink fallback="/consents" label="Back to consents" />
      <div className="page-head">
        <div>
          <h1 id="consent-title">
            {typeLabel} consent <span className="mono id">{c.consentId}</span>
          </h1>
          <StatusBadge code={c.status} label={c.statusLabel} wire={c.wireStatus} />
        </div>
        <div className="page-actions">
          {c.revocable && (
            <Button className="button button-danger" onPress={() => setRevokeOpen(true)}>
              Revoke
            </Button>
          )}
        </div>
      </div>
      {revoked && (
        <div role="status" className="banner banner-success">
          The consent is revoked. The TPP and the bank&apos;s gateway see it at once.
        </div>
      )}
      {isPayment && <p className="note">You cannot revoke a payment consent.</p>}
      {!isPayment && !c.revocable && (
        <p className="note">This consent is final: there is nothing to revoke.</p>
      )}

      <div className="grid-2">
        <Panel title="Summary">
          <dl className="facts">
            <Fact term="TPP">
              {c.clientName ?? c.clientId} <span className="muted mono small">{c.clientId}</span>
            </Fact>
            <Fact term="Customer">
              {c.customer ? (
                <Link className="link" to={`/customers/${encodeURIComponent(c.customer.customerId)}`}>
                  {c.customer.firstName} {c.customer.lastName}
                </Link>
              ) : (
                <span className="muted">Not a known customer</span>
              )}
              {c.userId && <div className="muted small">{c.userId}</div>}
            </Fact>
            <Fact term="Type">
              {typeLabel} <span className="muted small mono">{c.kind}</span>
            </Fact>
            <Fact term="Status">
              <StatusBadge code={c.status} label={c.statusLabel} wire={c.wireStatus} />
            </Fact>
            <Fact term="Created">
              <DateTime value={c.createdAt} />
            </Fact>
            <Fact term="Status changed">
              <DateTime value={c.statusUpdatedAt} />
            </Fact>
            <Fact term="Valid from">
              <DateTime value={c.validFrom} />
            </Fact>
            <Fact term="Expires">
              {c.expiresAt ? <DateTime value={c.expiresAt} /> : 'Never (open ended)'}
            </Fact>
            <Fact term="Last used">
              <DateTime value={c.lastUsageAt} />
            </Fact>
            <Fact term="Frequency">{c.frequency > 0 ? `${c.frequency} a day` : '—'}</Fact>
            <Fact term="Recurring">{c.recurringIndicator ? 'Yes' : 'No'}</Fact>
          </dl>
        </Panel>
        <Panel title="Status history">
          <Timeline history={c.history} />
        </Panel>
      </div>

      <Panel title="Permissions">
        {c.permissions.length === 0 ? (
          <p className="muted">No permissions.</p>
        ) : (
          <ul className="chips">
            {c.permissions.map((p) => (
              <li key={p} className="chip">
                {p}
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel title="Accounts">
        {c.accounts.length === 0 ? (
          <p className="muted">No accounts are mapped to this consent.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Permission</th>
                  <th scope="col">Mapping status</th>
                  <th scope="col">Authorisation</th>
                </tr>
              </thead>
              <tbody>
                {c.accounts.map((a) => (
                  <tr key={`${a.authorisationId}-${a.accountId}-${a.permission}`}>
                    <td className="mono">{a.accountId}</td>
                    <td>{a.permission}</td>
                    <td>{a.mappingStatus}</td>
                    <td className="mono small">{a.authorisationId}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>

      <div className="grid-2">
        <Panel title="Authorisations">
          {c.authorisations.length === 0 ? (
            <p className="muted">Not authorised yet.</p>
          ) : (
            <ul className="plain-list">
              {c.authorisations.map((a) => (
                <li key={a.authorisationId}>
                  <strong>{a.status}</strong> by {a.userId ?? 'unknown user'} ({a.type}),{' '}
                  <DateTime value={a.updatedAt} />
                  <div className="muted small mono">{a.authorisationId}</div>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="Attributes">
          {Object.keys(c.attributes).length === 0 ? (
            <p className="muted">No attributes.</p>
          ) : (
            <dl className="facts">
              {Object.entries(c.attributes).map(([k, v]) => (
                <Fact key={k} term={k}>
                  {v}
                </Fact>
              ))}
            </dl>
          )}
        </Panel>
      </div>

      <Disclosure className="disclosure">
        <Heading level={2}>
          <Button slot="trigger" className="disclosure-trigger">
            Original request
          </Button>
        </Heading>
        <DisclosurePanel>
          <pre className="json" tabIndex={0} aria-label="Original request JSON">
            {JSON.stringify(c.originalRequest, null, 2)}
          </pre>
        </DisclosurePanel>
      </Disclosure>

      {revokeOpen && (
        <RevokeDialog
          consent={c}
          onClose={() => setRevokeOpen(false)}
          onRevoked={() => {
            setRevokeOpen(false);
            setRevoked(true);
          }}
        />
      )}
    </section>
  );
}

function RevokeDialog(props: { consent: ConsentDetail; onClose: () => void; onRevoked: () => void }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [blank, setBlank] = useState(false);
  const revoke = useMutation({
    mutationFn: (text: string) =>
      api<ConsentDetail>('POST', `/consents/${encodeURIComponent(props.consent.consentId)}/revoke`, {
        reason: text,
      }),
    onSuccess: (detail) => {
      client.setQueryData(['consent', detail.consentId], detail);
      void client.invalidateQueries({ queryKey: ['consents'] });
      void client.invalidateQueries({ queryKey: ['customer'] });
      props.onRevoked();
    },
  });
  return (
    <FormDialog
      title="Revoke consent"
      onClose={props.onClose}
      submitLabel="Revoke consent"
      tone="danger"
      pending={revoke.isPending}
      error={revoke.error}
      intro={
        <p>
          The TPP <strong>{props.consent.clientName ?? props.consent.clientId}</strong> loses access at once.
          This cannot be undone.
        </p>
      }
      onSubmit={() => {
        const text = reason.trim();
        setBlank(!text);
        if (text) revoke.mutate(text);
      }}
    >
      <TextInput
        label="Reason"
        name="reason"
        multiline
        isRequired
        maxLength={500}
        value={reason}
        onChange={(v) => {
          setReason(v);
          if (v.trim()) setBlank(false);
        }}
        errorMessage={blank ? 'Give the reason for revoking.' : fieldError(revoke.error, 'reason')}
        description="Recorded in the consent's history and the audit log."
        autoFocus
      />
    </FormDialog>
  );
}
