// The page inside an embedding application's iframe. Its embed token never travels in a URL the server sees: it comes
// in the fragment (#token=..., read and cleared at once) or in a message from the parent window (the Observatory.embed
// helper). Every request then carries it as "Authorization: Embed <token>". Messages go back only to the window that
// sent the token, at its origin.

export interface EmbedSession {
  headers(): Record<string, string>;
  renew(): Promise<void>;
  post(message: Record<string, unknown>): void;
  onFilters(handler: (filters: Record<string, string>) => void): void;
}

const renewBefore = 60_000;
const renewWait = 10_000;

/** Whether a window at this origin may hand the page its token: an origin the deployment allows to embed dashboards. */
function allowed(origins: string[], origin: string): boolean {
  if (origins.includes(origin)) { return true; }
  if (!origins.includes('loopback')) { return false; }
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/** @param origins The origins allowed to embed dashboards (Embedding:AllowedOrigins), and 'loopback' in the demo. */
export async function connect(origins: string[]): Promise<EmbedSession> {
  let token = '';
  let parentOrigin: string | null = null;
  let waiting: ((token: string) => void)[] = [];
  let filtersHandler: ((filters: Record<string, string>) => void) | null = null;
  let timer: number | undefined;

  const post = (message: Record<string, unknown>) => {
    if (window.parent !== window && parentOrigin) {
      window.parent.postMessage({ source: 'observatory', ...message }, parentOrigin);
    }
  };

  const accept = (next: string) => {
    token = next;
    window.clearTimeout(timer);
    const expires = expiry(next);
    if (expires) {
      timer = window.setTimeout(() => post({ type: 'tokenExpired' }), Math.max(0, expires - Date.now() - renewBefore));
    }
    const resolved = waiting;
    waiting = [];
    resolved.forEach(r => r(next));
  };

  window.addEventListener('message', event => {
    const data = event.data as { target?: string; type?: string; token?: string; filters?: Record<string, string> } | null;
    if (event.source !== window.parent || !data || data.target !== 'observatory') { return; }
    if (parentOrigin ? event.origin !== parentOrigin : !allowed(origins, event.origin)) { return; }
    if (data.type === 'token' && typeof data.token === 'string') {
      parentOrigin = event.origin;
      accept(data.token);
    } else if (data.type === 'filters' && data.filters && filtersHandler) {
      filtersHandler(data.filters);
    }
  });

  const fragment = new URLSearchParams(location.hash.slice(1));
  const given = fragment.get('token');
  if (given) {
    history.replaceState(null, '', location.pathname + location.search);
    accept(given);
  } else {
    // Nothing secret in this message: it asks the parent for a token, which is then answered to its origin only.
    window.parent.postMessage({ source: 'observatory', type: 'ready' }, '*');
    await new Promise<string>(resolve => waiting.push(resolve));
  }

  return {
    headers: () => ({ Authorization: `Embed ${token}` }),
    renew: () => {
      // The embedding page has a while to answer with a new token; after that the page says the token expired.
      const renewed = new Promise<void>((resolve, reject) => {
        waiting.push(() => resolve());
        window.setTimeout(() => reject(new Error('renewal')), renewWait);
      });
      post({ type: 'tokenExpired' });
      return renewed;
    },
    post,
    onFilters: handler => { filtersHandler = handler; },
  };
}

/** The token's expiry (ms since the epoch), read from its payload; the server checks it, this only times the renewal. */
function expiry(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return payload.exp ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}
