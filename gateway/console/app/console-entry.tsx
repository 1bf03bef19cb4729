// Browser entry of the web console (bundled by ../console-page.ts): a token bar (the token is kept in localStorage)
// and hash routes — `#/runs`, `#/runs/<id>`, `#/sessions`, `#/sessions/<id>`.
import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { readToken, saveToken } from './console-api.ts';
import { RunView } from './run-view.tsx';
import { RunsView } from './runs-view.tsx';
import { SessionView } from './session-view.tsx';
import { SessionsView } from './sessions-view.tsx';
import './console.css';

/** The route of the address's hash: its path segments and query. */
interface Route {
  readonly path: readonly string[];
  readonly params: URLSearchParams;
}

function routeOf(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

/** The current route, following `hashchange`. */
function useRoute(): Route {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const follow = (): void => setHash(window.location.hash);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return routeOf(hash);
}

/** The token form: a JWT or API key, sent as `Authorization: Bearer <token>`. */
function TokenForm({ token, onChange }: { readonly token: string; readonly onChange: (token: string) => void }): ReactNode {
  const [value, setValue] = useState(token);
  return (
    <form
      className="token-form"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(value.trim());
      }}
    >
      <input
        id="token"
        type="password"
        autoComplete="off"
        placeholder="JWT or API key (orch_…)"
        aria-label="Token"
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      <button id="token-save" type="submit">
        {token ? 'Change token' : 'Use token'}
      </button>
      {token ? (
        <button
          type="button"
          onClick={() => {
            setValue('');
            onChange('');
          }}
        >
          Forget
        </button>
      ) : null}
    </form>
  );
}

/** The view of the route. */
function View({ route }: { readonly route: Route }): ReactNode {
  const [section, id] = route.path;
  if (section === 'sessions') return id ? <SessionView key={id} sessionId={id} /> : <SessionsView />;
  if (section === 'runs' && id) return <RunView key={id} runId={id} />;
  return <RunsView params={route.params} />;
}

function Console(): ReactNode {
  const route = useRoute();
  const [token, setToken] = useState(readToken);
  const section = route.path[0] ?? 'runs';
  return (
    <div className="console">
      <header className="topbar">
        <a className="brand" href="#/runs">
          Orchestra <span>console</span>
        </a>
        <nav>
          <a href="#/runs" className={section === 'runs' ? 'active' : ''}>
            Runs
          </a>
          <a href="#/sessions" className={section === 'sessions' ? 'active' : ''}>
            Sessions
          </a>
        </nav>
        <TokenForm
          token={token}
          onChange={(next) => {
            saveToken(next);
            setToken(next);
          }}
        />
      </header>
      <main key={token}>
        {token ? (
          <View route={route} />
        ) : (
          <div className="panel welcome">
            <h1>Welcome</h1>
            <p>
              Paste a token above to see your tenant&apos;s runs and sessions: a JWT (e.g. from <code>npm run token</code>) or an API key. It is kept in this
              browser only and sent as <code>Authorization: Bearer …</code> to this gateway&apos;s <code>/graphql</code>.
            </p>
          </div>
        )}
      </main>
    </div>
  );
}

const root = document.getElementById('console');
if (root)
  createRoot(root).render(
    <StrictMode>
      <Console />
    </StrictMode>,
  );
