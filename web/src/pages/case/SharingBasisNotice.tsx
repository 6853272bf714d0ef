import { useTranslation } from 'react-i18next';
import { Text, Textarea } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { formatDate } from '../../format';
import type { SharingBasis } from './consentScope';

/**
 * What a sharing (referral, team place) rests on, shown before it is sent:
 * the statutory service, the consent in force, or, without one, the field
 * for the legal basis of going without (for those who may override).
 */
export function SharingBasisNotice({ basis, canOverride, overrideProps }: { basis: SharingBasis | null; canOverride: boolean; overrideProps: GetInputPropsReturnType }) {
  const { t, i18n } = useTranslation();
  if (!basis) return null;
  if (basis.kind === 'statutory') return <Text size="sm" c="dimmed">{t('sharing.statutory')}</Text>;
  if (basis.kind === 'consent') {
    return <Text size="sm" c="teal">{t('sharing.consent', { by: basis.consent.givenBy, date: formatDate(i18n.language, basis.consent.givenAt) })}</Text>;
  }
  return (
    <>
      <Text size="sm" c="orange" role="status">{t('sharing.missing')}</Text>
      {canOverride && <Textarea label={t('sharing.overrideBasis')} description={t('sharing.overrideHint')} required autosize minRows={2} {...overrideProps} />}
    </>
  );
}
