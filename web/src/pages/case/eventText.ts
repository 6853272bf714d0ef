import type { TFunction } from 'i18next';
import { personName } from '../../format';

type Child = { id: string; lastName: string; firstName: string; patronymic?: string | null };

/** A label for a code, or nothing: a raw code is never shown. */
function label(t: TFunction, group: string, code: string | undefined): string {
  return code ? t(`${group}.${code}`, { defaultValue: '' }) : '';
}

const codeLike = /^[A-Z][A-Z_]+$/;

/**
 * What a timeline entry's note says, in words. The server keeps some notes
 * as codes (the record approved, the kind of decision and its number, the
 * kind of visit, the form of care and the child); each kind of entry is
 * read here, and free text passes as it was written.
 */
export function eventDetail(t: TFunction, kind: string, note: string | null | undefined, children: Child[] = []): string {
  if (!note) return '';
  const [first, ...rest] = note.split(' ');
  const child = (id: string | undefined) => {
    const c = children.find((x) => x.id === id);
    return c ? personName(c) : '';
  };
  const join = (...parts: string[]) => parts.filter(Boolean).join(', ');
  switch (kind) {
    case 'APPROVAL_REQUESTED':
    case 'APPROVED':
    case 'RETURNED':
      return label(t, 'approvalKind', note);
    case 'DECIDED':
      return join(label(t, 'decisionKind', first), rest.join(' ') && t('timeline.number', { number: rest.join(' ') }));
    case 'ACTIVITY_RECORDED':
      return label(t, 'activityKind', note);
    case 'CHILD_PLACED':
      return join(label(t, 'careForm', first), child(rest[0]));
    case 'PLACEMENT_ENDED':
      return join(label(t, 'careEnd', first), child(rest[0]));
    case 'MANAGER_CHANGED': {
      const [what, ...why] = note.split(': ');
      return join(what === 'cleared' ? t('timeline.managerCleared') : t('timeline.managerAssigned'), why.join(': '));
    }
    case 'TEAM_CHANGED':
      return note.startsWith('- ') ? t('timeline.teamLeft', { role: note.slice(2) }) : t('timeline.teamJoined', { role: note.replace(/^\+ /, '') });
    case 'CONSENT_WITHDRAWN': {
      const revoked = /^revoked (\d+)/.exec(note);
      return revoked ? t('timeline.accessRevoked', { count: Number(revoked[1]) }) : note;
    }
    case 'NEEDS_ASSESSED':
      return t('timeline.actNumber', { number: note });
    case 'PLAN_AGREED':
      return t('timeline.agreedBy', { document: note });
  }
  return codeLike.test(note) ? label(t, 'eventNote', note) : note;
}
