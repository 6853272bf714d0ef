import type { DraftState } from './store';

/** What happens to a draft. */
export type DraftEvent =
  | { type: 'edit' }
  | { type: 'submit'; online: boolean }
  | { type: 'online' }
  | { type: 'sent' }
  | { type: 'networkError' }
  | { type: 'refused' }
  | { type: 'conflict' }
  | { type: 'keepMine' };

/**
 * The life of a draft. Editing keeps it on the device (local); saving sends
 * it at once when online, else queues it until the connection returns; a
 * send that the network lost goes back to the queue, one the server refused
 * as out of date is a conflict the worker settles (keeping theirs discards
 * the draft), any other refusal goes back to the worker to fix.
 */
export function transition(state: DraftState, event: DraftEvent): DraftState {
  switch (event.type) {
    case 'edit':
      // A draft on its way is not changed under it, nor is a conflict settled by typing.
      return state === 'sending' || state === 'conflict' || state === 'queued' ? state : 'local';
    case 'submit':
      if (state === 'sending' || state === 'conflict') return state;
      return event.online ? 'sending' : 'queued';
    case 'online':
      return state === 'queued' ? 'sending' : state;
    case 'sent':
      return state === 'sending' ? 'sent' : state;
    case 'networkError':
      return state === 'sending' ? 'queued' : state;
    case 'refused':
      return state === 'sending' ? 'local' : state;
    case 'conflict':
      return state === 'sending' ? 'conflict' : state;
    case 'keepMine':
      return state === 'conflict' ? 'local' : state;
  }
}
