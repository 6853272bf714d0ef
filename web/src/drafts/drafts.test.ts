import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { DraftEngine, recordChangedRule, type Sender } from './engine';
import { transition } from './machine';
import { draftKey, idbBackend, memoryBackend, type Draft } from './store';

const ref = { userID: 'u1', caseID: 'c1', form: 'activity' };
const key = draftKey(ref.userID, ref.caseID, ref.form);
const networkDown = () => new CombinedError({ networkError: new Error('Failed to fetch') });
const refused = (code: string, rule?: string) => new CombinedError({ graphQLErrors: [new GraphQLError('no', { extensions: { code, rule } })] });

/** An engine on a memory store, a switch for the connection and a server that records what it got. */
function setup(answer: (n: number) => CombinedError | undefined = () => undefined) {
  let online = true;
  const backend = memoryBackend();
  const engine = new DraftEngine(backend, () => online, () => 1000);
  const got: { variables: Record<string, unknown>; key: string }[] = [];
  const send: Sender = async (variables, idempotencyKey) => {
    got.push({ variables, key: idempotencyKey });
    return { error: answer(got.length) };
  };
  engine.register('activity', send);
  const states: string[] = [];
  engine.subscribe(key, (d) => states.push(d.state));
  return { engine, backend, got, states, setOnline: (v: boolean) => { online = v; } };
}

describe('draft store', () => {
  it('keeps drafts in IndexedDB across opens, and clears them', async () => {
    const factory = new IDBFactory();
    const d: Draft = { key, ...ref, values: { notes: 'Візит' }, idempotencyKey: 'k', base: null, outbox: null, state: 'local', changedAt: 1 };
    await idbBackend('t', factory).put(d);
    const again = idbBackend('t', factory);
    expect(await again.get(key)).toEqual(d);
    expect(await again.all()).toHaveLength(1);
    await again.delete(key);
    expect(await again.get(key)).toBeUndefined();
    await again.put(d);
    await again.clear();
    expect(await again.all()).toEqual([]);
  });

  it('names a draft by user, case and form', () => {
    expect(draftKey('u1', 'c1', 'plan')).not.toBe(draftKey('u2', 'c1', 'plan'));
    expect(draftKey('u1', 'c1', 'plan')).not.toBe(draftKey('u1', 'c2', 'plan'));
  });
});

describe('draft states', () => {
  it('moves as the procedure of sending says', () => {
    expect(transition('local', { type: 'submit', online: true })).toBe('sending');
    expect(transition('local', { type: 'submit', online: false })).toBe('queued');
    expect(transition('queued', { type: 'online' })).toBe('sending');
    expect(transition('sending', { type: 'networkError' })).toBe('queued');
    expect(transition('sending', { type: 'sent' })).toBe('sent');
    expect(transition('sending', { type: 'conflict' })).toBe('conflict');
    expect(transition('sending', { type: 'refused' })).toBe('local');
    expect(transition('conflict', { type: 'edit' })).toBe('conflict');
    expect(transition('conflict', { type: 'keepMine' })).toBe('local');
    expect(transition('sent', { type: 'edit' })).toBe('local');
    expect(transition('sending', { type: 'submit', online: true })).toBe('sending');
  });
});

describe('draft engine', () => {
  it('keeps what is typed on the device', async () => {
    const { engine, got } = setup();
    await engine.edit(ref, { notes: 'Перша' });
    const first = await engine.load(ref);
    await engine.edit(ref, { notes: 'Друга' });
    const d = await engine.load(ref);
    expect(d?.values).toEqual({ notes: 'Друга' });
    expect(d?.state).toBe('local');
    expect(d?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(got).toHaveLength(0);
  });

  it('sends at once when online and forgets the draft once sent', async () => {
    const { engine, got, states } = setup();
    await engine.submit(ref, { notes: 'x' }, { input: { notes: 'x' } });
    expect(got).toHaveLength(1);
    expect(states.slice(-2)).toEqual(['sending', 'sent']);
    expect(await engine.load(ref)).toBeUndefined();
  });

  it('queues while offline and sends when the connection returns, with the same key each time', async () => {
    const { engine, got, states, setOnline } = setup((n) => (n === 1 ? networkDown() : undefined));
    setOnline(false);
    await engine.submit(ref, { notes: 'x' }, { input: { notes: 'x' } });
    expect(got).toHaveLength(0);
    expect((await engine.load(ref))?.state).toBe('queued');
    setOnline(true);
    await engine.flushAll('u1');
    // The first send lost its answer: still queued, sent again with the same key.
    expect(states.at(-1)).toBe('queued');
    await engine.flushAll('u1');
    expect(states.at(-1)).toBe('sent');
    expect(got).toHaveLength(2);
    expect(got[0].key).toBe(got[1].key);
    expect(await engine.load(ref)).toBeUndefined();
  });

  it('sends one draft once at a time', async () => {
    const { engine, got, setOnline } = setup();
    setOnline(false);
    await engine.submit(ref, { notes: 'x' }, { input: {} });
    setOnline(true);
    await Promise.all([engine.flushAll('u1'), engine.flushAll('u1'), engine.flush(key)]);
    expect(got).toHaveLength(1);
  });

  it('does not send another user\'s drafts', async () => {
    const { engine, got, setOnline } = setup();
    setOnline(false);
    await engine.submit(ref, {}, { input: {} });
    setOnline(true);
    await engine.flushAll('u2');
    expect(got).toHaveLength(0);
  });

  it('holds a conflict for the worker and sends again only once they keep their version', async () => {
    const { engine, got, states } = setup((n) => (n === 1 ? refused('CONFLICT', recordChangedRule) : undefined));
    await engine.edit(ref, { goals: 1 }, 3);
    await engine.submit(ref, { goals: 1 }, { input: { basedOnVersion: 3 } });
    expect(states.at(-1)).toBe('conflict');
    const d = await engine.load(ref);
    expect(d?.base).toBe(3);
    await engine.edit(ref, { goals: 2 });
    expect((await engine.load(ref))?.state).toBe('conflict');
    await engine.keepMine(key, 4);
    const mine = await engine.load(ref);
    expect(mine?.state).toBe('local');
    expect(mine?.base).toBe(4);
    expect(mine?.idempotencyKey).not.toBe(d?.idempotencyKey);
    await engine.submit(ref, { goals: 2 }, { input: { basedOnVersion: 4 } });
    expect(states.at(-1)).toBe('sent');
    expect(got).toHaveLength(2);
  });

  it('gives a refusal back to the form with its code, keeping what was typed', async () => {
    const { engine, states } = setup(() => refused('BAD_USER_INPUT'));
    let error: CombinedError | undefined;
    engine.subscribe(key, (_, e) => { error = e ?? error; });
    await engine.submit(ref, { notes: 'x' }, { input: {} });
    expect(states.at(-1)).toBe('local');
    expect(error).toBeDefined();
    const d = await engine.load(ref);
    expect(d?.values).toEqual({ notes: 'x' });
    expect(d?.outbox).toBeNull();
    expect(d?.errorCode).toBe('BAD_USER_INPUT');
  });

  it('clears everything on sign-out', async () => {
    const { engine, backend } = setup();
    await engine.edit(ref, { notes: 'x' });
    await engine.edit({ ...ref, form: 'safety' }, {});
    await engine.clear();
    expect(await backend.all()).toEqual([]);
  });
});
