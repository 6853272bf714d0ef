import { useTranslation } from 'react-i18next';
import { Alert, List, Text } from '@mantine/core';

/** One access as withdrawConsent lists it. */
export interface CaseShareView {
  caseID: string;
  organization?: { id: string; name: string } | null;
  userID?: string | null;
  basis: string;
}

/** What withdrawing a consent revoked, and what remains and why. */
export function WithdrawalResult({ revoked, kept, onClose }: { revoked: CaseShareView[]; kept: CaseShareView[]; onClose: () => void }) {
  const { t } = useTranslation();
  const holder = (s: CaseShareView) => s.organization?.name ?? (s.userID ? t('consent.holderPerson') : t('consent.holderUnknown'));
  return (
    <Alert color="blue" title={t('consent.withdrawnMsg')} withCloseButton onClose={onClose} closeButtonLabel={t('form.cancel')}>
      <Text size="sm" fw={600}>{t('consent.revoked')}</Text>
      {revoked.length === 0 ? <Text size="sm">{t('consent.nothingRevoked')}</Text> : (
        <List size="sm">{revoked.map((s, i) => <List.Item key={`r${i}`}>{holder(s)}</List.Item>)}</List>
      )}
      {kept.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="xs">{t('consent.kept')}</Text>
          <List size="sm">{kept.map((s, i) => <List.Item key={`k${i}`}>{holder(s)}: {t(`consent.basis.${s.basis}`)}</List.Item>)}</List>
        </>
      )}
    </Alert>
  );
}
