import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, type CombinedError } from 'urql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Badge } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useSession } from '../session';
import { drafts } from './index';
import { draftKey, type DraftState } from './store';

const stateColor: Record<DraftState, string> = { local: 'gray', queued: 'yellow', sending: 'blue', sent: 'teal', conflict: 'red' };

/** Where the form's draft is, in words: saved here, sending, sent, conflict. */
export function DraftStatus({ state }: { state: DraftState | null }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" aria-label={t('drafts.status')} className="no-print">
      {state && <Badge color={stateColor[state]} variant="light" size="lg" style={{ textTransform: 'none' }} data-draft-state={state}>{t(`drafts.${state}`)}</Badge>}
    </div>
  );
}

interface Options {
  caseID: string;
  /** The form's name; one draft of it per user and case. */
  name: string;
  /** The mutation that sends the draft. */
  document: TypedDocumentNode<any, any>;
  /** The version of the record the draft starts from (a plan's), for the server's conflict check. */
  base?: number | null;
  /** The server has it: the form has been reset. */
  onSent: () => void;
  /** The server refused it: say why in the form. */
  onRefused: (error: CombinedError) => void;
}

/**
 * Keeps a form's values on the device as the worker types, puts them back
 * when the form opens again, and sends them (when saved) as soon as the
 * connection allows, with one Idempotency-Key per draft.
 */
export function useFieldDraft<V extends Record<string, any>>(form: UseFormReturnType<V>, opts: Options) {
  const { viewer } = useSession();
  const client = useClient();
  const ref = { userID: viewer.user?.id ?? '', caseID: opts.caseID, form: opts.name };
  const key = draftKey(ref.userID, ref.caseID, ref.form);
  const [state, setState] = useState<DraftState | null>(null);
  const [refusedBefore, setRefusedBefore] = useState(false);
  // The version the draft was written from: the stored draft's, else the record's now.
  const [base, setBase] = useState<number | null>(opts.base ?? null);
  const loaded = useRef(false);
  const latest = useRef(opts);
  latest.current = opts;

  useEffect(() => {
    drafts.register(opts.name, (variables, idempotencyKey) => client.mutation(opts.document, variables, { idempotencyKey }).toPromise());
  }, [client, opts.name, opts.document]);

  useEffect(() => drafts.subscribe(key, (d, error) => {
    setState(d.state);
    setBase(d.state === 'sent' ? latest.current.base ?? null : d.base);
    if (d.state === 'sent') {
      form.reset();
      latest.current.onSent();
    }
    if (error && d.state === 'local') latest.current.onRefused(error);
  }), [key]);

  // The draft left here before (a reload, a lost connection) comes back into the form.
  useEffect(() => {
    loaded.current = false;
    let live = true;
    void drafts.load(ref).then((d) => {
      if (!live) return;
      if (d) {
        form.setValues(d.values as V);
        setState(d.state);
        setBase(d.base);
        setRefusedBefore(!!d.errorCode);
        if (d.state === 'queued' && navigator.onLine) void drafts.flush(d.key);
      }
      loaded.current = true;
    });
    return () => { live = false; };
  }, [key]);

  // With no draft yet, the form follows the record as it is now.
  useEffect(() => {
    if (state === null) setBase(opts.base ?? null);
  }, [opts.base, state]);

  // What the worker types is kept on the device, a moment after they stop.
  const values = JSON.stringify(form.values);
  useEffect(() => {
    if (!loaded.current || !form.isDirty()) return;
    const timer = setTimeout(() => void drafts.edit(ref, form.values, latest.current.base ?? null), 300);
    return () => clearTimeout(timer);
  }, [values]);

  return {
    state,
    base,
    /** The draft was refused by the server the last time it was sent (perhaps with no one watching). */
    refusedBefore,
    /** Saves: sends now, or when the connection returns. */
    send: (v: V, variables: Record<string, unknown>) => drafts.submit(ref, v, variables, latest.current.base ?? null),
    /** Settles a conflict by keeping the draft, now written over version `base`. */
    keepMine: (base: number) => drafts.keepMine(key, base),
    /** Drops the draft and empties the form. */
    discard: async () => { await drafts.discard(key); setState(null); setBase(latest.current.base ?? null); form.reset(); },
    status: <DraftStatus state={state} />,
  };
}
