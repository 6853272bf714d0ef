import type { CombinedError } from 'urql';
import { errorCode, errorRule } from '../api/errors';
import { newIdempotencyKey } from '../api/client';
import { transition, type DraftEvent } from './machine';
import { draftKey, type Draft, type DraftBackend } from './store';

/** The rule the server names when a record changed since the draft started from it. */
export const recordChangedRule = 'RECORD_CHANGED';

/** Sends a draft's mutation with its key; the answer's error, if any. */
export type Sender = (variables: Record<string, unknown>, idempotencyKey: string) => Promise<{ error?: CombinedError }>;

/** A draft's news for the form showing it: the draft (gone from the device once sent) and the server's refusal. */
export type Listener = (draft: Draft, error?: CombinedError) => void;

export interface DraftRef { userID: string; caseID: string; form: string }

/** What an answer means for the draft. */
function outcome(error: CombinedError | undefined): DraftEvent {
  if (!error) return { type: 'sent' };
  if (errorCode(error) === 'NETWORK') return { type: 'networkError' };
  if (errorCode(error) === 'CONFLICT' && errorRule(error) === recordChangedRule) return { type: 'conflict' };
  return { type: 'refused' };
}

/**
 * Keeps drafts on the device and sends them: at once when saved online,
 * else when the connection returns (flushAll). One send of a draft at a
 * time; every send carries the draft's Idempotency-Key, so a send whose
 * answer the network lost is repeated without doing the work twice.
 */
export class DraftEngine {
  private senders = new Map<string, Sender>();
  private listeners = new Map<string, Set<Listener>>();
  private inflight = new Map<string, Promise<void>>();

  constructor(private backend: DraftBackend, private online: () => boolean = () => navigator.onLine, private now: () => number = () => Date.now()) {}

  /** How the drafts of a form are sent. */
  register(form: string, send: Sender) {
    this.senders.set(form, send);
  }

  subscribe(key: string, fn: Listener): () => void {
    const set = this.listeners.get(key) ?? new Set();
    set.add(fn);
    this.listeners.set(key, set);
    return () => set.delete(fn);
  }

  private emit(d: Draft, error?: CombinedError) {
    for (const fn of this.listeners.get(d.key) ?? []) fn(d, error);
  }

  load(ref: DraftRef): Promise<Draft | undefined> {
    return this.backend.get(draftKey(ref.userID, ref.caseID, ref.form));
  }

  /** Keeps what the form holds now; the first edit starts the draft from the record's version `base`. */
  async edit<V>(ref: DraftRef, values: V, base: number | null = null): Promise<Draft<V>> {
    const key = draftKey(ref.userID, ref.caseID, ref.form);
    const old = await this.backend.get(key);
    const d: Draft = old
      ? { ...old, values, state: transition(old.state, { type: 'edit' }), changedAt: this.now() }
      : { key, ...ref, values, idempotencyKey: newIdempotencyKey(), base, outbox: null, state: 'local', changedAt: this.now() };
    await this.backend.put(d);
    this.emit(d);
    return d as Draft<V>;
  }

  /** The worker saved: the mutation's variables go out now, or when the connection returns. */
  async submit<V>(ref: DraftRef, values: V, variables: Record<string, unknown>, base: number | null = null): Promise<void> {
    const d = await this.edit(ref, values, base);
    const state = transition(d.state, { type: 'submit', online: this.online() });
    if (state === d.state && state !== 'queued') return;
    await this.backend.put({ ...d, outbox: variables, state: 'queued', errorCode: undefined });
    this.emit({ ...d, outbox: variables, state: 'queued' });
    if (state === 'sending') await this.flush(d.key);
  }

  /** Sends a queued draft, once at a time. */
  flush(key: string): Promise<void> {
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.send(key).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async send(key: string) {
    const d = await this.backend.get(key);
    const send = d && this.senders.get(d.form);
    if (!d || !d.outbox || d.state !== 'queued' || !send || !this.online()) return;
    const sending: Draft = { ...d, state: transition(d.state, { type: 'online' }) };
    await this.backend.put(sending);
    this.emit(sending);
    let error: CombinedError | undefined;
    try {
      ({ error } = await send(d.outbox, d.idempotencyKey));
    } catch {
      // A send that threw never reached an answer: like a lost connection, it stays queued.
      const queued: Draft = { ...sending, state: 'queued' };
      await this.backend.put(queued);
      return this.emit(queued);
    }
    const event = outcome(error);
    const next: Draft = { ...sending, state: transition(sending.state, event) };
    if (event.type === 'sent') {
      await this.backend.delete(key);
      return this.emit({ ...next, outbox: null }, undefined);
    }
    if (event.type === 'refused') Object.assign(next, { outbox: null, errorCode: error ? errorRule(error) ?? errorCode(error) : undefined });
    await this.backend.put(next);
    this.emit(next, error);
  }

  /** Sends every queued draft of the user (the connection came back, or the app started). */
  async flushAll(userID: string): Promise<void> {
    const all = await this.backend.all();
    for (const d of all) if (d.userID === userID && d.state === 'queued') await this.flush(d.key);
  }

  /** The worker settles a conflict by keeping their draft, now based on the record's current version. */
  async keepMine(key: string, base: number | null): Promise<void> {
    const d = await this.backend.get(key);
    if (!d) return;
    const next: Draft = { ...d, base, outbox: null, idempotencyKey: newIdempotencyKey(), state: transition(d.state, { type: 'keepMine' }), changedAt: this.now() };
    await this.backend.put(next);
    this.emit(next);
  }

  /** Drops a draft (the worker keeps the other version, or starts over). */
  async discard(key: string): Promise<void> {
    await this.backend.delete(key);
  }

  /** Signing out: nothing of the user's work stays on the device. */
  clear(): Promise<void> {
    return this.backend.clear();
  }
}
