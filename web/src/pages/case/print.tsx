import { useTranslation } from 'react-i18next';
import { Anchor, Text, Title } from '@mantine/core';
import { birthDateWithAge, caseTitle, formatDate, personName, shortID } from '../../format';
import type { CaseData } from './caseQuery';

/**
 * Who signs a printed act, by role, in the order they sign: the same
 * signatories as the server's PDF (internal/documents).
 */
export type Signer = 'safetySpecialist' | 'childrenServiceHead' | 'socialWorker' | 'providerHead' | 'planAuthor' | 'familyMember';

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

/** Lines to sign and date a printed act (print only). */
export function Signatures({ signers }: { signers: Signer[] }) {
  const { t } = useTranslation();
  return (
    <div className="print-only print-signatures">
      {signers.map((s) => (
        <div key={s} className="signature-line">
          <Text size="sm" fw={600}>{t(`official.signer.${s}`)}</Text>
          <div className="signature-blanks">
            <span><span className="blank" />{t('print.name')}</span>
            <span><span className="blank short" />{t('print.signature')}</span>
            <span><span className="blank short" />{t('print.date')}</span>
          </div>
        </div>
      ))}
    </div>
  );
}

/** What prints for a tab with nothing recorded: a single line, not an empty act. */
export function NotRecorded({ what }: { what: string }) {
  const { t } = useTranslation();
  return <Text className="print-only">{t('print.notRecorded', { what })}</Text>;
}
