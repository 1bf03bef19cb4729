// Browser entry of the in-browser IDE (bundled by graphiql-ide.ts): GraphiQL over this page's own URL, with
// subscriptions over graphql-ws on the same path. Headers typed in the header editor (`Authorization: Bearer …`)
// go on every request, the WebSocket's `connection_init` payload included.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { parse, type DocumentNode } from 'graphql';
import { createClient } from 'graphql-ws';
import 'graphiql/graphiql.css';
import './graphiql-page.css';

const url = new URL(window.location.pathname, window.location.origin).href;
const wsUrl = url.replace(/^http/, 'ws');
let headers: Record<string, string> = {};
const fetcher = createGraphiQLFetcher({
  url,
  // graphql-ws client made here so its connection params are the headers of the operation being started.
  wsClient: createClient({ url: wsUrl, lazy: true, connectionParams: () => headers }),
});
/** The operation's document, or undefined when it does not parse (the server then answers with the syntax error). */
function parsed(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher: (params, options) => {
        headers = Object.fromEntries(Object.entries(options?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
        // The toolkit sends subscriptions over the WebSocket only when it gets the parsed document, which GraphiQL
        // passes once its editor has parsed the text (not yet, right after a change): parse it here when missing.
        return fetcher(params, { ...options, documentAST: options?.documentAST ?? parsed(params.query) });
      },
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
    }),
  );
}
