// One customer: identity details to verify the caller, the wallet's state with Unlock (seed 001's
// deactivate -> activate as one action), wallet and device activation, and the customer's consents.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { useParams } from 'react-router';
import { api, ApiError } from '../api/http';
import { useCustomer, useMeta } from '../api/queries';
import type { CustomerDetail, Device } from '../api/types';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ConsentTable } from '../ui/ConsentTable';
import { addressText, birthdayText, fullName } from '../ui/customer-format';
import { DateTime } from '../ui/DateTime';
import { BackLink, Fact, Panel } from '../ui/Panel';
import { Empty, ErrorMessage, Loading, errorText } from '../ui/QueryState';
import { Flag } from '../ui/StatusBadge';

interface Action {
  title: string;
  body: string;
  confirmLabel: string;
  path: string;
  done: string;
  tone: 'danger' | 'primary';
}

export function CustomerDetailPage() {
  const { customerId = '' } = useParams();
  const customer = useCustomer(customerId);
  const meta = useMeta();
  const client = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (a: Action) => api<CustomerDetail>('POST', a.path, {}),
    onSuccess: (detail, a) => {
      client.setQueryData(['customer', customerId], detail);
      void client.invalidateQueries({ queryKey: ['customers'] });
      setAction(null);
      setDone(a.done);
    },
  });

  if (customer.isPending) return <Loading label="Loading the customer…" />;
  if (customer.isError)
    return (
      <section>
        <BackLink fallback="/customers" label="Back to customers" />
        <h1>Customer</h1>
        <ErrorMessage
          error={customer.error}
          {...(customer.error instanceof ApiError && customer.error.status === 404
            ? {}
            : { onRetry: () => void customer.refetch() })}
        />
      </section>
    );
  const { customer: c, devices, consents } = customer.data;
  const base = `/customers/${encodeURIComponent(c.customerId)}`;
  const name = fullName(c);
  const ask = (a: Action) => {
    run.reset();
    setDone(null);
    setAction(a);
  };
  const typeLabels = Object.fromEntries((meta.data?.consentTypes ?? []).map((t) => [t.code, t.label]));

  return (
    <section aria-labelledby="customer-title">
      <BackLink fallback="/customers" label="Back to customers" />
      <div className="page-head">
        <div>
          <h1 id="customer-title">{name}</h1>
          <div className="flags">
            <Flag on={c.active} yes="Active" no="Inactive" tone="good" />
            <Flag on={c.locked} yes="Locked" no="Not locked" tone="bad" />
          </div>
        </div>
        <div className="page-actions">
          {(c.locked || !c.active) && (
            <Button
              className="button"
              onPress={() =>
                ask({
                  title: `Unlock ${name}?`,
                  body: `The wallet is deactivated and activated again: ${name} can sign in at once and the failed sign-in count starts again from zero. Verify the caller first.`,
                  confirmLabel: 'Unlock',
                  path: `${base}/unlock`,
                  done: `${name}'s wallet is unlocked.`,
                  tone: 'primary',
                })
              }
            >
              Unlock
            </Button>
          )}
          {c.active ? (
            <Button
              className="button button-secondary"
              onPress={() =>
                ask({
                  title: `Deactivate ${name}'s wallet?`,
                  body: 'The customer cannot sign in or use the wallet on any device until it is activated again.',
                  confirmLabel: 'Deactivate wallet',
                  path: `${base}/deactivate`,
                  done: 'The wallet is deactivated.',
                  tone: 'danger',
                })
              }
            >
              Deactivate wallet
            </Button>
          ) : (
            <Button
              className="button button-secondary"
              onPress={() =>
                ask({
                  title: `Activate ${name}'s wallet?`,
                  body: 'The wallet works again (and is unlocked).',
                  confirmLabel: 'Activate wallet',
                  path: `${base}/activate`,
                  done: 'The wallet is active.',
                  tone: 'primary',
                })
              }
            >
              Activate wallet
            </Button>
          )}
        </div>
      </div>
      {done && (
        <div role="status" className="banner banner-success">
          {done}
        </div>
      )}

      <div className="grid-2">
        <Panel title="Identity">
          <dl className="facts">
            <Fact term="Customer ID">
              <span className="mono">{c.customerId}</span>
            </Fact>
            <Fact term="Username">{c.username}</Fact>
            <Fact term="Email">
              {c.email ?? '—'} {c.email && (c.emailVerified ? '(verified)' : '(not verified)')}
              {c.emailPending && <div className="muted small">Pending change to {c.emailPending}</div>}
            </Fact>
            <Fact term="Phone">{c.phone ?? '—'}</Fact>
            <Fact term="Address">{addressText(c.address)}</Fact>
            <Fact term="Birthday">{birthdayText(c.birthday)}</Fact>
            <Fact term="Customer since">
              <DateTime value={c.createdAt} />
            </Fact>
            {c.issuingPartner && (
              <Fact term="Issuing partner">{c.issuingPartner.shortName ?? c.issuingPartner.clientId}</Fact>
            )}
          </dl>
        </Panel>
        <Panel title="Wallet">
          <dl className="facts">
            <Fact term="Active">{c.active ? 'Yes' : 'No'}</Fact>
            <Fact term="Locked">{c.locked ? 'Yes' : 'No'}</Fact>
            <Fact term="Failed sign-ins">{c.failedLogins}</Fact>
            <Fact term="Last sign-in">
              <DateTime value={c.lastLoginAt} />
            </Fact>
            <Fact term="Password changed">
              <DateTime value={c.passwordChangedAt} />
            </Fact>
            <Fact term="Customer URI">
              <span className="mono small break">{c.customerUri}</span>
            </Fact>
          </dl>
        </Panel>
      </div>

      <Panel title="Devices">
        {devices.length === 0 ? (
          <Empty>No devices are linked to this wallet.</Empty>
        ) : (
          <div className="table-wrap">
            <Table aria-label="Devices" className="table">
              <TableHeader>
                <Column isRowHeader>Device</Column>
                <Column>Type</Column>
                <Column>Status</Column>
                <Column>Linked</Column>
                <Column>Last seen</Column>
                <Column>Action</Column>
              </TableHeader>
              <TableBody items={devices.map((d) => ({ ...d, id: d.deviceId }))}>
                {(d) => (
                  <Row id={d.deviceId}>
                    <Cell>{d.deviceName}</Cell>
                    <Cell>{d.deviceType}</Cell>
                    <Cell>
                      <Flag on={d.active} yes="Active" no="Inactive" tone="good" />
                    </Cell>
                    <Cell>
                      <DateTime value={d.createdAt} />
                    </Cell>
                    <Cell>
                      <DateTime value={d.lastSeenAt} />
                    </Cell>
                    <Cell>
                      <DeviceButton device={d} base={base} ask={ask} />
                    </Cell>
                  </Row>
                )}
              </TableBody>
            </Table>
          </div>
        )}
      </Panel>

      <Panel title="Consents">
        {consents.length === 0 ? (
          <Empty>This customer has no consents.</Empty>
        ) : (
          <ConsentTable label={`Consents of ${name}`} consents={consents} typeLabels={typeLabels} />
        )}
      </Panel>

      <ConfirmDialog
        isOpen={action !== null}
        onOpenChange={(open) => {
          if (!open) setAction(null);
        }}
        title={action?.title ?? ''}
        confirmLabel={action?.confirmLabel ?? ''}
        tone={action?.tone ?? 'primary'}
        isPending={run.isPending}
        onConfirm={() => action && run.mutate(action)}
      >
        <p>{action?.body}</p>
        {run.isError && (
          <div role="alert" className="banner banner-error">
            {errorText(run.error)}
          </div>
        )}
      </ConfirmDialog>
    </section>
  );
}

function DeviceButton({ device, base, ask }: { device: Device; base: string; ask: (a: Action) => void }) {
  const path = `${base}/devices/${encodeURIComponent(device.deviceId)}`;
  return device.active ? (
    <Button
      className="button button-small button-secondary"
      aria-label={`Deactivate ${device.deviceName}`}
      onPress={() =>
        ask({
          title: `Deactivate ${device.deviceName}?`,
          body: 'This device stops working with the wallet; the wallet and its other devices are not affected.',
          confirmLabel: 'Deactivate device',
          path: `${path}/deactivate`,
          done: `${device.deviceName} is deactivated.`,
          tone: 'danger',
        })
      }
    >
      Deactivate
    </Button>
  ) : (
    <Button
      className="button button-small button-secondary"
      aria-label={`Activate ${device.deviceName}`}
      onPress={() =>
        ask({
          title: `Activate ${device.deviceName}?`,
          body: 'This device works with the wallet again.',
          confirmLabel: 'Activate device',
          path: `${path}/activate`,
          done: `${device.deviceName} is active again.`,
          tone: 'primary',
        })
      }
    >
      Activate
    </Button>
  );
}
