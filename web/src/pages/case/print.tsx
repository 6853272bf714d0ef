import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Anchor, Text, Title } from '@mantine/core';
import { birthDateWithAge, caseTitle, formatDate, personName, shortID } from '../../format';
import type { CaseData } from './caseQuery';

/** The kinds of official document the server renders as PDF. */
export type OfficialKind = 'safety-act' | 'needs-act' | 'plan' | 'decision' | 'voucher';

/** «Завантажити PDF»: the record's official document, numbered and rendered by the server (screen only). */
export function PdfLink({ kind, id }: { kind: OfficialKind; id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'uk';
  return (
    <Anchor className="no-print" size="sm" href={`/documents/${kind}/${encodeURIComponent(id)}?lang=${lang}`} download>
      {t('official.download')}
    </Anchor>
  );
}

/**
 * The head of a printed act (print only): the family once, the case number,
 * the children with their dates of birth — what the paper needs, without
 * the deadlines and buttons of the screen.
 */
export function PrintHeader({ c }: { c: CaseData }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="print-only print-header">
      <Title order={2} size="h3">{caseTitle(t, c)}</Title>
      <Text size="sm">{t('case.number', { id: shortID(c.id) })} · {t('case.opened', { date: formatDate(i18n.language, c.openedAt) })}
        {' · '}{t('case.manager')}: {c.manager?.displayName ?? t('cases.unassigned')}</Text>
      {(c.children ?? []).length > 0 && (
        <Text size="sm">{t('case.children')}: {c.children!.map((p) => `${personName(p)}, ${birthDateWithAge(t, i18n.language, p.birthDate)}`).join('; ')}</Text>
      )}
    </div>
  );
}

/** What prints for a tab with nothing recorded: a single line, not an empty act. */
export function NotRecorded({ what }: { what: string }) {
  const { t } = useTranslation();
  return <Text className="print-only">{t('print.notRecorded', { what })}</Text>;
}

/** An official document as the server lays it out (internal/documents): the same content as its PDF. */
interface OfficialLayout {
  title: string; number: string; date: string;
  issuer: { parentBody: string; name: string; address: string; edrpou: string; phone: string; email: string };
  sections: { heading: string; rows: { label: string; value: string }[] | null; paragraphs: string[] | null }[] | null;
  signers: { role: string; name: string }[] | null;
}

/**
 * What prints for a record's official document (print only): the server's
 * layout of it — letterhead, date and number (once the PDF has issued one),
 * title, content and signatories by role — so paper and PDF say the same.
 */
export function OfficialPrint({ kind, id }: { kind: OfficialKind; id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'uk';
  const [doc, setDoc] = useState<OfficialLayout | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`/documents/${kind}/${encodeURIComponent(id)}?format=json&lang=${lang}`, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : null))
      .then((d: OfficialLayout | null) => { if (live) setDoc(d); })
      .catch(() => { if (live) setDoc(null); });
    return () => { live = false; };
  }, [kind, id, lang]);
  if (!doc) return null;
  const lh = doc.issuer;
  const contacts = [lh.address, lh.phone && `${t('official.phone')} ${lh.phone}`, lh.email, lh.edrpou && `${t('official.edrpou')} ${lh.edrpou}`].filter(Boolean).join(', ');
  return (
    <div className="print-only official-print" data-testid="official-print">
      <div className="official-letterhead">
        {lh.parentBody && <div className="official-small">{lh.parentBody}</div>}
        <div className="official-name">{lh.name || t('official.noLetterhead')}</div>
        {contacts && <div className="official-small">{contacts}</div>}
      </div>
      <div className="official-meta"><span>{doc.number ? formatDate(i18n.language, doc.date) : '____'}</span><span>№ {doc.number || '____'}</span></div>
      <h2 className="official-title">{doc.title}</h2>
      {(doc.sections ?? []).map((s, i) => (
        <section key={i} className="official-section">
          {s.heading && <h3>{s.heading}</h3>}
          {(s.rows ?? []).map((r, j) => <div key={j} className="official-row"><span>{r.label}</span><span>{r.value || '—'}</span></div>)}
          {(s.paragraphs ?? []).map((p, j) => <p key={j}>{p}</p>)}
        </section>
      ))}
      <div className="print-signatures official-signatures">
        {(doc.signers ?? []).map((s, i) => (
          <div key={i} className="signature-line">
            <Text size="sm" fw={600}>{s.role}</Text>
            <div className="signature-blanks">
              <span><span className="blank short" />{t('print.signature')}</span>
              <span><span className="blank">{s.name}</span>{t('print.name')}</span>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
