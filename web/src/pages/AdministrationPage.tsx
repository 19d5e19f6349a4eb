// Administration (role admin): operators and TPP clients. A new or rotated client secret is shown once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  Cell,
  Column,
  Menu,
  MenuItem,
  MenuTrigger,
  Popover,
  Row,
  Tab,
  Table,
  TableBody,
  TableHeader,
  TabList,
  TabPanel,
  Tabs,
} from 'react-aria-components';
import { api } from '../api/http';
import { useAdminClients, useOperators } from '../api/queries';
import type { AdminClient, ClientWithSecret, Operator } from '../api/types';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { FormDialog, FormError, fieldError } from '../ui/FormDialog';
import { DateTime } from '../ui/DateTime';
import { Empty, ErrorMessage, Loading } from '../ui/QueryState';
import { RoleChoice } from '../ui/RoleChoice';
import { Flag } from '../ui/StatusBadge';
import { TextInput } from '../ui/TextInput';

const OPERATOR_ROLES = ['customer-care-officer', 'admin', 'consent-manager'] as const;
const CLIENT_ROLES = ['AISP', 'PISP', 'CBPII', 'B2B_PARTNER'] as const;

export function AdministrationPage() {
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <Tabs className="tabs">
        <TabList aria-label="Administration" className="tablist">
          <Tab id="operators" className="tab">
            Operators
          </Tab>
          <Tab id="clients" className="tab">
            TPP clients
          </Tab>
        </TabList>
        <TabPanel id="operators" className="tabpanel">
          <Operators />
        </TabPanel>
        <TabPanel id="clients" className="tabpanel">
          <Clients />
        </TabPanel>
      </Tabs>
    </section>
  );
}

/** A change through the admin API; the list it touched is read again. */
function useAdminChange<T, V>(list: 'operators' | 'clients', call: (v: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => void client.invalidateQueries({ queryKey: ['admin', list] }),
  });
}

type OperatorDialog =
  | { kind: 'create' }
  | { kind: 'roles'; operator: Operator }
  | { kind: 'password'; operator: Operator }
  | { kind: 'toggle'; operator: Operator }
  | { kind: 'unlock'; operator: Operator };

function Operators() {
  const operators = useOperators();
  const [dialog, setDialog] = useState<OperatorDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const close = (message?: string) => {
    setDialog(null);
    if (message) setNotice(message);
  };
  if (operators.isPending) return <Loading label="Loading operators…" />;
  if (operators.isError)
    return <ErrorMessage error={operators.error} onRetry={() => void operators.refetch()} />;
  return (
    <>
      <div className="toolbar">
        <Button className="button" onPress={() => setDialog({ kind: 'create' })}>
          New operator
        </Button>
      </div>
      {notice && (
        <div role="status" className="banner banner-success">
          {notice}
        </div>
      )}
      {operators.data.items.length === 0 ? (
        <Empty>No operators.</Empty>
      ) : (
        <div className="table-wrap">
          <Table aria-label="Operators" className="table">
            <TableHeader>
              <Column isRowHeader>Username</Column>
              <Column>Roles</Column>
              <Column>Status</Column>
              <Column>Failed sign-ins</Column>
              <Column>Created</Column>
              <Column>Actions</Column>
            </TableHeader>
            <TableBody items={operators.data.items.map((o) => ({ ...o, id: o.username }))}>
              {(o) => (
                <Row id={o.username}>
                  <Cell>{o.username}</Cell>
                  <Cell>{o.roles.join(', ')}</Cell>
                  <Cell>
                    <div className="flags">
                      <Flag on={o.active} yes="Active" no="Inactive" tone="good" />
                      {o.locked && <Flag on yes="Locked" no="" tone="bad" />}
                    </div>
                  </Cell>
                  <Cell>{o.failedLogins}</Cell>
                  <Cell>
                    <DateTime value={o.createdAt} />
                  </Cell>
                  <Cell>
                    <MenuTrigger>
                      <Button
                        className="button button-small button-secondary"
                        aria-label={`Actions for ${o.username}`}
                      >
                        Actions ▾
                      </Button>
                      <Popover className="popover">
                        <Menu
                          className="menu"
                          onAction={(key) =>
                            setDialog({
                              kind: key as 'roles' | 'password' | 'toggle' | 'unlock',
                              operator: o,
                            })
                          }
                        >
                          <MenuItem id="roles" className="menu-item">
                            Change roles
                          </MenuItem>
                          <MenuItem id="password" className="menu-item">
                            Reset password
                          </MenuItem>
                          {o.locked ? (
                            <MenuItem id="unlock" className="menu-item">
                              Unlock
                            </MenuItem>
                          ) : null}
                          <MenuItem id="toggle" className="menu-item">
                            {o.active ? 'Deactivate' : 'Activate'}
                          </MenuItem>
                        </Menu>
                      </Popover>
                    </MenuTrigger>
                  </Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        </div>
      )}
      {dialog?.kind === 'create' && <CreateOperator onClose={close} />}
      {dialog?.kind === 'roles' && <OperatorRoles operator={dialog.operator} onClose={close} />}
      {dialog?.kind === 'password' && <ResetPassword operator={dialog.operator} onClose={close} />}
      {(dialog?.kind === 'toggle' || dialog?.kind === 'unlock') && (
        <OperatorSwitch operator={dialog.operator} unlock={dialog.kind === 'unlock'} onClose={close} />
      )}
    </>
  );
}

const patchOperator = (username: string, body: Record<string, unknown>) =>
  api<Operator>('PATCH', `/admin/operators/${encodeURIComponent(username)}`, body);

function CreateOperator({ onClose }: { onClose: (message?: string) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>(['customer-care-officer']);
  const create = useAdminChange('operators', () =>
    api<Operator>('POST', '/admin/operators', { username: username.trim(), password, roles }),
  );
  const noRole = roles.length === 0 ? 'Pick at least one role.' : undefined;
  return (
    <FormDialog
      title="New operator"
      onClose={() => onClose()}
      submitLabel="Create operator"
      pending={create.isPending}
      error={create.error}
      onSubmit={() => {
        if (!noRole)
          create.mutate(undefined, { onSuccess: (o) => onClose(`Operator ${o.username} is created.`) });
      }}
    >
      <TextInput
        label="Username"
        name="username"
        value={username}
        onChange={setUsername}
        isRequired
        autoFocus
        errorMessage={fieldError(create.error, 'username')}
      />
      <PasswordInput value={password} onChange={setPassword} error={create.error} />
      <RoleChoice
        label="Roles"
        roles={OPERATOR_ROLES}
        value={roles}
        onChange={setRoles}
        errorMessage={noRole ?? fieldError(create.error, 'roles')}
      />
    </FormDialog>
  );
}

function PasswordInput(props: {
  value: string;
  onChange: (v: string) => void;
  error: unknown;
  label?: string;
}) {
  return (
    <TextInput
      label={props.label ?? 'Password'}
      name="password"
      type="password"
      autoComplete="new-password"
      value={props.value}
      onChange={props.onChange}
      isRequired
      minLength={8}
      description="At least 8 characters. Tell it to the operator in person."
      errorMessage={fieldError(props.error, 'password')}
    />
  );
}

function OperatorRoles({ operator, onClose }: { operator: Operator; onClose: (message?: string) => void }) {
  const [roles, setRoles] = useState<string[]>(operator.roles);
  const save = useAdminChange('operators', () => patchOperator(operator.username, { roles }));
  const noRole = roles.length === 0 ? 'Pick at least one role.' : undefined;
  return (
    <FormDialog
      title={`Roles of ${operator.username}`}
      onClose={() => onClose()}
      submitLabel="Save roles"
      pending={save.isPending}
      error={save.error}
      onSubmit={() => {
        if (!noRole)
          save.mutate(undefined, {
            onSuccess: () => onClose(`The roles of ${operator.username} are saved.`),
          });
      }}
    >
      <RoleChoice
        label="Roles"
        roles={OPERATOR_ROLES}
        value={roles}
        onChange={setRoles}
        errorMessage={noRole}
      />
    </FormDialog>
  );
}

function ResetPassword({ operator, onClose }: { operator: Operator; onClose: (message?: string) => void }) {
  const [password, setPassword] = useState('');
  const save = useAdminChange('operators', () => patchOperator(operator.username, { password }));
  return (
    <FormDialog
      title={`Reset the password of ${operator.username}`}
      onClose={() => onClose()}
      submitLabel="Reset password"
      pending={save.isPending}
      error={save.error}
      onSubmit={() =>
        save.mutate(undefined, { onSuccess: () => onClose(`The password of ${operator.username} is reset.`) })
      }
    >
      <PasswordInput label="New password" value={password} onChange={setPassword} error={save.error} />
    </FormDialog>
  );
}

function OperatorSwitch(props: { operator: Operator; unlock: boolean; onClose: (message?: string) => void }) {
  const { operator, unlock } = props;
  const body = unlock ? { unlock: true } : { active: !operator.active };
  const verb = unlock ? 'Unlock' : operator.active ? 'Deactivate' : 'Activate';
  const save = useAdminChange('operators', () => patchOperator(operator.username, body));
  return (
    <ConfirmDialog
      isOpen
      onOpenChange={(open) => !open && props.onClose()}
      title={`${verb} ${operator.username}?`}
      confirmLabel={verb}
      tone={verb === 'Deactivate' ? 'danger' : 'primary'}
      isPending={save.isPending}
      onConfirm={() =>
        save.mutate(undefined, {
          onSuccess: () => props.onClose(`${operator.username}: ${verb.toLowerCase()}d.`),
        })
      }
    >
      <p>
        {unlock
          ? 'The failed sign-in count is reset and the operator can sign in again.'
          : operator.active
            ? 'The operator cannot sign in, and their portal sessions end at once.'
            : 'The operator can sign in again.'}
      </p>
      <FormError error={save.error} />
    </ConfirmDialog>
  );
}

type ClientDialog =
  | { kind: 'create' }
  | { kind: 'rotate'; client: AdminClient }
  | { kind: 'toggle'; client: AdminClient }
  | { kind: 'secret'; client: ClientWithSecret };

function Clients() {
  const clients = useAdminClients();
  const [dialog, setDialog] = useState<ClientDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (clients.isPending) return <Loading label="Loading TPP clients…" />;
  if (clients.isError) return <ErrorMessage error={clients.error} onRetry={() => void clients.refetch()} />;
  const showSecret = (client: ClientWithSecret) => setDialog({ kind: 'secret', client });
  return (
    <>
      <div className="toolbar">
        <Button className="button" onPress={() => setDialog({ kind: 'create' })}>
          Register client
        </Button>
      </div>
      {notice && (
        <div role="status" className="banner banner-success">
          {notice}
        </div>
      )}
      {clients.data.items.length === 0 ? (
        <Empty>No clients are registered.</Empty>
      ) : (
        <div className="table-wrap">
          <Table aria-label="TPP clients" className="table">
            <TableHeader>
              <Column isRowHeader>Name</Column>
              <Column>Client ID</Column>
              <Column>Roles</Column>
              <Column>Status</Column>
              <Column>Created</Column>
              <Column>Actions</Column>
            </TableHeader>
            <TableBody items={clients.data.items.map((c) => ({ ...c, id: c.clientId }))}>
              {(c) => (
                <Row id={c.clientId}>
                  <Cell>{c.name}</Cell>
                  <Cell>
                    <span className="mono">{c.clientId}</span>
                  </Cell>
                  <Cell>{c.roles.join(', ')}</Cell>
                  <Cell>
                    <Flag on={c.active} yes="Active" no="Disabled" tone="good" />
                  </Cell>
                  <Cell>
                    <DateTime value={c.createdAt} />
                  </Cell>
                  <Cell>
                    <MenuTrigger>
                      <Button
                        className="button button-small button-secondary"
                        aria-label={`Actions for ${c.name}`}
                      >
                        Actions ▾
                      </Button>
                      <Popover className="popover">
                        <Menu
                          className="menu"
                          onAction={(key) => setDialog({ kind: key as 'rotate' | 'toggle', client: c })}
                        >
                          <MenuItem id="rotate" className="menu-item">
                            Rotate secret
                          </MenuItem>
                          <MenuItem id="toggle" className="menu-item">
                            {c.active ? 'Disable' : 'Enable'}
                          </MenuItem>
                        </Menu>
                      </Popover>
                    </MenuTrigger>
                  </Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        </div>
      )}
      {dialog?.kind === 'create' && <RegisterClient onClose={() => setDialog(null)} onCreated={showSecret} />}
      {dialog?.kind === 'rotate' && (
        <RotateSecret client={dialog.client} onClose={() => setDialog(null)} onRotated={showSecret} />
      )}
      {dialog?.kind === 'toggle' && (
        <ClientSwitch
          client={dialog.client}
          onClose={(message) => {
            setDialog(null);
            if (message) setNotice(message);
          }}
        />
      )}
      {dialog?.kind === 'secret' && <SecretOnce client={dialog.client} onClose={() => setDialog(null)} />}
    </>
  );
}

function RegisterClient({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (c: ClientWithSecret) => void;
}) {
  const [name, setName] = useState('');
  const [clientId, setClientId] = useState('');
  const [shortName, setShortName] = useState('');
  const [roles, setRoles] = useState<string[]>(['AISP']);
  const create = useAdminChange('clients', () =>
    api<ClientWithSecret>('POST', '/admin/clients', {
      name: name.trim(),
      roles,
      ...(clientId.trim() ? { clientId: clientId.trim() } : {}),
      ...(shortName.trim() ? { shortName: shortName.trim() } : {}),
    }),
  );
  const noRole = roles.length === 0 ? 'Pick at least one role.' : undefined;
  return (
    <FormDialog
      title="Register a TPP client"
      onClose={onClose}
      submitLabel="Register client"
      pending={create.isPending}
      error={create.error}
      onSubmit={() => {
        if (!noRole) create.mutate(undefined, { onSuccess: onCreated });
      }}
    >
      <TextInput
        label="Name"
        name="name"
        value={name}
        onChange={setName}
        isRequired
        autoFocus
        errorMessage={fieldError(create.error, 'name')}
      />
      <TextInput
        label="Client ID"
        name="clientId"
        value={clientId}
        onChange={setClientId}
        description="Optional: a random id is made when empty."
        errorMessage={fieldError(create.error, 'clientId')}
      />
      <TextInput
        label="Short name"
        name="shortName"
        value={shortName}
        onChange={setShortName}
        description="Optional."
        errorMessage={fieldError(create.error, 'shortName')}
      />
      <RoleChoice
        label="Roles"
        roles={CLIENT_ROLES}
        value={roles}
        onChange={setRoles}
        errorMessage={noRole ?? fieldError(create.error, 'roles')}
      />
    </FormDialog>
  );
}

function RotateSecret(props: {
  client: AdminClient;
  onClose: () => void;
  onRotated: (c: ClientWithSecret) => void;
}) {
  const rotate = useAdminChange('clients', () =>
    api<ClientWithSecret>('POST', `/admin/clients/${encodeURIComponent(props.client.clientId)}/secret`, {}),
  );
  return (
    <ConfirmDialog
      isOpen
      onOpenChange={(open) => !open && props.onClose()}
      title={`Rotate the secret of ${props.client.name}?`}
      confirmLabel="Rotate secret"
      tone="danger"
      isPending={rotate.isPending}
      onConfirm={() => rotate.mutate(undefined, { onSuccess: props.onRotated })}
    >
      <p>The current secret stops working at once. The TPP needs the new one before its next call.</p>
      <FormError error={rotate.error} />
    </ConfirmDialog>
  );
}

function ClientSwitch({ client, onClose }: { client: AdminClient; onClose: (message?: string) => void }) {
  const verb = client.active ? 'Disable' : 'Enable';
  const save = useAdminChange('clients', () =>
    api<AdminClient>('PATCH', `/admin/clients/${encodeURIComponent(client.clientId)}`, {
      active: !client.active,
    }),
  );
  return (
    <ConfirmDialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={`${verb} ${client.name}?`}
      confirmLabel={verb}
      tone={client.active ? 'danger' : 'primary'}
      isPending={save.isPending}
      onConfirm={() =>
        save.mutate(undefined, { onSuccess: () => onClose(`${client.name} is ${verb.toLowerCase()}d.`) })
      }
    >
      <p>
        {client.active
          ? 'The client can no longer get tokens or call any API.'
          : 'The client can call the APIs again.'}
      </p>
      <FormError error={save.error} />
    </ConfirmDialog>
  );
}

function SecretOnce({ client, onClose }: { client: ClientWithSecret; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <ConfirmDialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={`Secret of ${client.name}`}
      custom
    >
      <p>
        This secret is shown <strong>only now</strong>. Copy it and hand it to the TPP over a secure channel.
      </p>
      <dl className="facts">
        <div className="fact">
          <dt>Client ID</dt>
          <dd className="mono">{client.clientId}</dd>
        </div>
        <div className="fact">
          <dt>Client secret</dt>
          <dd>
            <code className="secret" aria-label="Client secret">
              {client.clientSecret}
            </code>
          </dd>
        </div>
      </dl>
      <div className="dialog-buttons">
        <Button
          className="button button-secondary"
          onPress={() =>
            void navigator.clipboard?.writeText(client.clientSecret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy secret'}
        </Button>
        <Button className="button" onPress={onClose} autoFocus>
          Done
        </Button>
      </div>
    </ConfirmDialog>
  );
}
