import { describe, expect, it } from 'vitest';
import { createRequest, makeOperation } from 'urql';
import { parse } from 'graphql';
import { newIdempotencyKey, withIdempotencyKey } from './client';

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
