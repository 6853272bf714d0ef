import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequest, makeOperation } from 'urql';
import { parse } from 'graphql';
import { createClient, newIdempotencyKey, withIdempotencyKey } from './client';

function operation(kind: 'query' | 'mutation', context: Record<string, unknown> = {}) {
  const req = createRequest(parse(`${kind} { x }`), {});
  return makeOperation(kind, req, { url: '/graphql', requestPolicy: 'network-only', ...context } as never);
}

describe('Idempotency-Key', () => {
  it('gives every mutation a fresh key and keeps the CSRF header', () => {
    const csrf = () => ({ headers: { 'X-CSRF-Token': 't' } });
    const a = withIdempotencyKey(operation('mutation', { fetchOptions: csrf }));
    const b = withIdempotencyKey(operation('mutation', { fetchOptions: csrf }));
    const ha = (a.context.fetchOptions as RequestInit).headers as Record<string, string>;
    const hb = (b.context.fetchOptions as RequestInit).headers as Record<string, string>;
    expect(ha['X-CSRF-Token']).toBe('t');
    expect(ha['Idempotency-Key']).toMatch(/^[0-9a-f]{32}$/);
    expect(ha['Idempotency-Key']).not.toBe(hb['Idempotency-Key']);
  });

  it('sends the same key again when the same submission is retried', () => {
    const first = withIdempotencyKey(operation('mutation'));
    const again = withIdempotencyKey(first);
    const key = (op: typeof first) => ((op.context.fetchOptions as RequestInit).headers as Record<string, string>)['Idempotency-Key'];
    expect(key(again)).toBe(key(first));
  });

  it('leaves queries alone', () => {
    const q = operation('query');
    expect(withIdempotencyKey(q)).toBe(q);
  });

  it('makes keys the server accepts', () => {
    expect(newIdempotencyKey()).toMatch(/^[\x21-\x7e]{1,255}$/);
  });
});

// The server takes an upload (multipart, a "simple" request a hostile page
// could also send) only with the CSRF header, and anything else only as JSON.
describe('what the app sends', () => {
  afterEach(() => {
    document.cookie = 'turbota_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  function capture() {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify({ data: { uploadDocument: { id: 'DC1', __typename: 'Document' } } }), { headers: { 'Content-Type': 'application/json' } }));
    return { fetch, client: createClient({ fetch: fetch as unknown as typeof globalThis.fetch }) };
  }

  it('an upload goes as multipart with the CSRF header', async () => {
    document.cookie = 'turbota_csrf=tok123';
    const { fetch, client } = capture();
    const file = new File(['%PDF-1.4'], 'act.pdf', { type: 'application/pdf' });
    await client.mutation(parse('mutation Up($file: Upload!) { uploadDocument(file: $file) { id } }'), { file }).toPromise();
    const init = fetch.mock.calls[0][1] as RequestInit;
    const headers = init.headers as Record<string, string>;
    expect(init.body).toBeInstanceOf(FormData);
    expect(headers['x-csrf-token']).toBe('tok123');
    expect(headers['content-type']).toBeUndefined(); // the browser sets multipart with its boundary
  });

  it('an operation without files goes as JSON', async () => {
    const { fetch, client } = capture();
    await client.mutation(parse('mutation Login { login(input: {email: "a", password: "b"}) { token } }'), {}).toPromise();
    const init = fetch.mock.calls[0][1] as RequestInit;
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(typeof init.body).toBe('string');
  });
});
