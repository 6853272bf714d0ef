import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { Button, Kbd, Modal, Table } from '@mantine/core';
import { useSession } from '../session';

/** A shortcut: its keys as typed one after another, and where it goes. */
export interface Shortcut { keys: string[]; label: string; to: (caseID: string | null) => string | null }

const caseTab = (tab: string) => (caseID: string | null) => (caseID ? `/cases/${caseID}/${tab}` : null);

/** The common steps, by key; the case page's work on the case open. */
export const shortcuts: Shortcut[] = [
  { keys: ['n'], label: 'shortcuts.newReport', to: () => '/reports/new' },
  { keys: ['g', 'c'], label: 'shortcuts.cases', to: () => '/cases' },
  { keys: ['g', 't'], label: 'shortcuts.tasks', to: () => '/tasks' },
  { keys: ['g', 'h'], label: 'shortcuts.home', to: () => '/' },
  { keys: ['s'], label: 'shortcuts.safety', to: caseTab('safety') },
  { keys: ['a'], label: 'shortcuts.needs', to: caseTab('needs') },
  { keys: ['r'], label: 'shortcuts.referral', to: caseTab('referrals') },
  { keys: ['v'], label: 'shortcuts.visit', to: caseTab('services') },
  { keys: ['p'], label: 'shortcuts.plan', to: caseTab('plan') },
];

/** Keys typed into a field are text, never a shortcut. */
export function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable || !!el.closest?.('[role="dialog"] [role="listbox"], [contenteditable="true"]');
}

/**
 * What the keys typed so far mean: the shortcut they complete, or "wait"
 * while they begin one (g …), or nothing.
 */
export function matchShortcut(pending: string[], key: string): Shortcut | 'wait' | null {
  const typed = [...pending, key];
  const exact = shortcuts.find((s) => s.keys.length === typed.length && s.keys.every((k, i) => k === typed[i]));
  if (exact) return exact;
  return shortcuts.some((s) => s.keys.length > typed.length && typed.every((k, i) => s.keys[i] === k)) ? 'wait' : null;
}

const helpEvent = 'turbota:shortcuts';

/** The header's «?» button: shows the list of shortcuts, as the «?» key does. */
export function ShortcutsButton() {
  const { t } = useTranslation();
  return (
    <Button variant="default" px="sm" aria-label={t('shortcuts.open')} title={t('shortcuts.open')} onClick={() => window.dispatchEvent(new Event(helpEvent))}>?</Button>
  );
}

/** Listens for the shortcuts everywhere behind sign-in; «?» shows them. */
export function Shortcuts() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { can } = useSession();
  const [help, setHelp] = useState(false);
  const pending = useRef<string[]>([]);
  const caseID = /^\/cases\/([^/]+)/.exec(location.pathname)?.[1] ?? null;

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || document.querySelector('[role="dialog"]:not([data-shortcuts])')) return;
      if (e.key === '?') {
        setHelp(true);
        return;
      }
      const m = matchShortcut(pending.current, e.key.toLowerCase());
      if (m === 'wait') {
        pending.current = [...pending.current, e.key.toLowerCase()];
        return;
      }
      pending.current = [];
      if (!m || (m.keys[0] === 'n' && !can('report', 'create'))) return;
      const to = m.to(caseID);
      if (to) {
        e.preventDefault();
        navigate(to);
      }
    }
    const open = () => setHelp(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener(helpEvent, open);
    return () => { window.removeEventListener('keydown', onKey); window.removeEventListener(helpEvent, open); };
  }, [caseID, can, navigate]);

  return (
    <Modal opened={help} onClose={() => setHelp(false)} title={t('shortcuts.title')} data-shortcuts>
      <Table>
        <Table.Tbody>
          {shortcuts.map((s) => (
            <Table.Tr key={s.keys.join(' ')}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.keys.map((k, i) => <span key={i}>{i > 0 && ' '}<Kbd>{k}</Kbd></span>)}</Table.Td>
              <Table.Td>{t(s.label)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr><Table.Td><Kbd>?</Kbd></Table.Td><Table.Td>{t('shortcuts.help')}</Table.Td></Table.Tr>
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
