// Sign in with username and password. A failure says only that the pair is not valid (never which half).
import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession, useSignIn } from '../api/session';
import { Loading, errorText } from '../ui/QueryState';
import { TextInput } from '../ui/TextInput';

/** Only a path inside the portal: never an open redirect to another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/consents';
}

export function SignInPage() {
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));

  if (session.isPending) return <Loading label="Opening the portal…" />;
  if (session.data) return <Navigate to={next} replace />;

  return (
    <main className="signin">
      <div className="signin-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>
          ConsentHub
        </div>
        <h1>Customer Care sign in</h1>
        <Form
          onSubmit={(event) => {
            event.preventDefault();
            signIn.mutate(
              { username: username.trim(), password },
              {
                onSuccess: () => void navigate(next, { replace: true }),
                onError: () => setPassword(''),
              },
            );
          }}
        >
          {signIn.isError && (
            <div role="alert" className="banner banner-error">
              {errorText(signIn.error)}
            </div>
          )}
          <TextInput
            label="Username"
            name="username"
            autoComplete="username"
            value={username}
            onChange={setUsername}
            isRequired
            autoFocus
          />
          <TextInput
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            isRequired
          />
          <Button type="submit" className="button button-wide" isPending={signIn.isPending}>
            Sign in
          </Button>
        </Form>
      </div>
    </main>
  );
}
