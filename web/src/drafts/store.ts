/**
 * Drafts of field work (visit notes, assessments, plans) kept on the device
 * while they are written and until the server has them: a lost connection
 * loses nothing. One draft per user, case and form; signing out clears them.
 */

/** Where a draft is: written here, waiting for the connection, on its way, with the server, or refused as out of date. */
export type DraftState = 'local' | 'queued' | 'sending' | 'sent' | 'conflict';

export interface Draft<V = unknown> {
  key: string;
  userID: string;
  caseID: string;
  form: string;
  /** What the form holds. */
  values: V;
  /** The Idempotency-Key every send of this draft carries, so a resend never does the work twice. */
  idempotencyKey: string;
  /** The version of the record the draft started from (a plan's version), for the server's conflict check. */
  base: number | null;
  /** The mutation's variables once the worker pressed save; sent when the connection allows. */
  outbox: Record<string, unknown> | null;
  state: DraftState;
  /** The code of the server's refusal of the last send, shown when the form reopens. */
  errorCode?: string;
  /** When the draft last changed on the device (ms since the epoch). */
  changedAt: number;
}

/** Where drafts live: IndexedDB in the browser, memory in tests. */
export interface DraftBackend {
  get(key: string): Promise<Draft | undefined>;
  put(draft: Draft): Promise<void>;
  delete(key: string): Promise<void>;
  all(): Promise<Draft[]>;
  clear(): Promise<void>;
}

export function draftKey(userID: string, caseID: string, form: string): string {
  return `${userID}|${caseID}|${form}`;
}

export function memoryBackend(): DraftBackend {
  const m = new Map<string, Draft>();
  // Copies, as IndexedDB's structured clone makes them: a caller's later change does not reach the store.
  const copy = (d: Draft) => structuredClone(d);
  return {
    get: async (key) => (m.has(key) ? copy(m.get(key)!) : undefined),
    put: async (d) => { m.set(d.key, copy(d)); },
    delete: async (key) => { m.delete(key); },
    all: async () => [...m.values()].map(copy),
    clear: async () => { m.clear(); },
  };
}

const storeName = 'drafts';

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Drafts in the browser's IndexedDB (the database `name`), which survives a reload and a lost connection. */
export function idbBackend(name = 'turbota-drafts', factory: IDBFactory = indexedDB): DraftBackend {
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise((resolve, reject) => {
      const req = factory.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(storeName, { keyPath: 'key' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return db;
  };
  async function run<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const tx = (await open()).transaction(storeName, mode);
    const result = await promised(work(tx.objectStore(storeName)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return result;
  }
  return {
    get: (key) => run('readonly', (s) => s.get(key) as IDBRequest<Draft | undefined>),
    put: async (d) => { await run('readwrite', (s) => s.put(d)); },
    delete: async (key) => { await run('readwrite', (s) => s.delete(key)); },
    all: () => run('readonly', (s) => s.getAll() as IDBRequest<Draft[]>),
    clear: async () => { await run('readwrite', (s) => s.clear()); },
  };
}
