import { DraftEngine } from './engine';
import { idbBackend, memoryBackend } from './store';

/** The app's drafts: in IndexedDB where the browser has it (memory otherwise, e.g. in tests). */
export const drafts = new DraftEngine(typeof indexedDB !== 'undefined' ? idbBackend() : memoryBackend());

export type { Draft, DraftState } from './store';
export { draftKey } from './store';
