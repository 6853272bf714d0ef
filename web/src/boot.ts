/**
 * The first script of the page, tiny and on its own: it asks the API for
 * what the page at this address needs (the viewer, their permissions, the
 * case) while the app's code is still on its way, instead of after it, and
 * in one request, so that it does not queue behind the code for one of the
 * browser's six connections. The app's queries then take this answer
 * (`prefetchedFetch`) in place of asking again — only a query of the same
 * text and variables, right after the start, before any mutation, and only
 * a whole answer: with any error each query is asked for anew on its own.
 */

/** The start-up queries (urql's text, variables, fields); written by vite.config.ts at build time. */
declare const __BOOT_QUERIES__: Record<string, { query: string; variables: string; fields: string }> | null;

interface Answer {
  status: number;
  type: string;
  body: string;
  whole: boolean;
}

const pending = new Map<string, Promise<Answer>>();
/** When each start-up answer arrived: a query asked again within a few seconds (a page's
 * cache-and-network refresh right after the start) takes the same answer, as if it had
 * been in flight still, instead of reading the case a second time. */
const arrived = new Map<Promise<Answer>, number>();
const fresh = 3_000;
const started = Date.now();
const keyOf = (query: string, variables: unknown) => query + '\n' + JSON.stringify(variables ?? {});

function cookie(name: string): string | undefined {
  return document.cookie.split('; ').find((c) => c.startsWith(name + '='))?.slice(name.length + 1);
}

/** Asks for several start-up queries in one request; each is then answered from it. */
function ask(parts: [name: string, variables: Record<string, string>][]) {
  const known = parts.filter(([name]) => __BOOT_QUERIES__?.[name]);
  const csrf = cookie('turbota_csrf');
  if (!known.length || !csrf) return undefined;
  const q = (name: string) => __BOOT_QUERIES__![name];
  const variables = Object.assign({}, ...known.map(([, v]) => v)) as Record<string, string>;
  const query = known.length === 1 ? q(known[0][0]).query
    : `query Start(${known.map(([name]) => q(name).variables).filter(Boolean).join(', ')}) {${known.map(([name]) => q(name).fields).join('\n')}}`;
  const answer = fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', 'X-CSRF-Token': csrf },
    body: JSON.stringify({ operationName: known.length === 1 ? known[0][0] : 'Start', query, variables }),
  }).then(async (r) => {
    const body = await r.text();
    let whole = false;
    try {
      const parsed = JSON.parse(body) as { data?: unknown; errors?: unknown[] };
      whole = r.ok && !!parsed.data && !parsed.errors?.length;
    } catch {
      // not JSON: not whole
    }
    return { status: r.status, type: r.headers.get('Content-Type') ?? 'application/json', body, whole };
  });
  void answer.then(() => arrived.set(answer, Date.now()), () => undefined);
  for (const [name, v] of known) pending.set(keyOf(q(name).query, v), answer);
  return answer;
}

function storedCommunity(): string | null {
  try {
    return localStorage.getItem('turbota.community');
  } catch {
    return null;
  }
}

/**
 * The answers the server put in the page (web/firstpaint.go: the case it
 * painted first), taken as if they had been asked for here; the names of
 * the queries they answer.
 */
function takeServed(): Set<string> {
  const served = new Set<string>();
  const el = document.getElementById('turbota-boot');
  if (!el?.textContent) return served;
  const answers = JSON.parse(el.textContent) as Record<string, { variables: Record<string, string>; body: string }>;
  for (const [name, a] of Object.entries(answers)) {
    const q = __BOOT_QUERIES__?.[name];
    if (!q) continue;
    pending.set(keyOf(q.query, a.variables), Promise.resolve({ status: 200, type: 'application/json', body: a.body, whole: true }));
    served.add(name);
  }
  return served;
}

function start(path: string) {
  // Signed out (no CSRF cookie) the app goes to the sign-in page: nothing to ask.
  if (path === '/login' || path === '/forgot-password' || path === '/reset-password' || !cookie('turbota_csrf')) return;
  const served = takeServed();
  const parts: [string, Record<string, string>][] = [['Viewer', {}]];
  const community = storedCommunity();
  if (community) parts.push(['Permissions', { communityID: community }]);
  const caseID = /^\/cases\/([^/]+)/.exec(path)?.[1];
  if (caseID && !served.has('CasePage')) parts.push(['CasePage', { id: decodeURIComponent(caseID) }]);
  const answer = ask(parts);
  if (!community) {
    // The app will work in the viewer's first community: ask for its permissions as soon as it is known.
    void answer?.then((a) => {
      const data = JSON.parse(a.body) as { data?: { viewer?: { memberships?: { community?: { id: string } | null }[] } | null } };
      const first = data.data?.viewer?.memberships?.find((m) => m.community)?.community?.id;
      if (first) ask([['Permissions', { communityID: first }]]);
    }).catch(() => undefined);
  }
}

/**
 * fetch for the app's GraphQL client: the answer asked for at start when
 * this very query was part of it, while that answer is in flight or a few
 * seconds old; otherwise (after the first minute, after any mutation, and
 * when that answer was not whole) the network.
 */
export function prefetchedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const body = init?.body;
  if (pending.size === 0) return fetch(input, init);
  if (typeof body !== 'string' || Date.now() - started > 60_000) {
    // An upload (a mutation), or too late: the start-up answers are done with.
    pending.clear();
    return fetch(input, init);
  }
  let request: { query?: string; variables?: unknown };
  try {
    request = JSON.parse(body) as typeof request;
  } catch {
    return fetch(input, init);
  }
  const query = request.query ?? '';
  // After any change the start-up answers are old news.
  if (!/^\s*query\b/.test(query)) {
    pending.clear();
    return fetch(input, init);
  }
  const key = keyOf(query, request.variables);
  const answer = pending.get(key);
  // An answer the server put in the page counts as arrived when the app first asks.
  if (answer && !arrived.has(answer)) void answer.then(() => arrived.has(answer) || arrived.set(answer, Date.now()));
  const at = answer && arrived.get(answer);
  if (!answer || (at !== undefined && Date.now() - at > fresh)) {
    pending.delete(key);
    return fetch(input, init);
  }
  return answer.then(
    (a) => (a.whole ? new Response(a.body, { status: a.status, headers: { 'Content-Type': a.type } }) : fetch(input, init)),
    () => fetch(input, init),
  );
}

try {
  start(window.location.pathname);
} catch {
  // Whatever went wrong here, the app asks for itself.
}
