import { useTranslation } from 'react-i18next';
import { Group } from '@mantine/core';
import { LightBadge } from './LightBadge';

/**
 * The notes column of a table of people: child or adult, then what is
 * given of a disability, displacement and parental care, in that order;
 * leave out a prop to leave its badge out.
 */
export function PersonNotes({ kind, disability, internallyDisplaced, parentalCareStatus }: {
  kind: string; disability?: string; internallyDisplaced: boolean; parentalCareStatus?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <LightBadge color={kind === 'CHILD' ? 'blue' : 'gray'}>{t(`personKind.${kind}`)}</LightBadge>
      {disability && disability !== 'NONE' && <LightBadge color="grape">{t(`disability.${disability}`)}</LightBadge>}
      {internallyDisplaced && <LightBadge color="orange">{t('person.idp')}</LightBadge>}
      {parentalCareStatus && parentalCareStatus !== 'WITH_PARENTS' && <LightBadge color="red">{t(`parentalCare.${parentalCareStatus}`)}</LightBadge>}
    </Group>
  );
}
