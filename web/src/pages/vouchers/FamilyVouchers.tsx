import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Card, Text, Title } from '@mantine/core';
import { FamilyVouchersQuery } from './queries';
import { IssueVoucherForm } from './IssueVoucherForm';
import { VouchersTable } from './VouchersTable';
import { useOwnProviders } from './VoucherActions';

/** The family's vouchers, and issuing one of an active programme (for those who may). */
export function FamilyVouchers({ familyID, communityID, can }: { familyID: string; communityID: string; can: (o: string, a: string) => boolean }) {
  const { t } = useTranslation();
  const ownProviders = useOwnProviders();
  const [{ data }, reload] = useQuery({ query: FamilyVouchersQuery, variables: { familyID, communityID } });
  const rows = (data?.vouchers.edges ?? []).map((e) => e!.node!);
  const programmes = (data?.voucherProgrammes.edges ?? []).map((e) => e!.node!).map((p) => ({ value: p.id, label: t('vouchers.programmeOption', { name: p.name, count: p.remaining }) }));
  const refresh = () => reload({ requestPolicy: 'network-only' });
  return (
    <section aria-labelledby="fvouchers-h">
      <Title order={2} size="h4" id="fvouchers-h" mb="xs">{t('vouchers.familyTitle')}</Title>
      {rows.length === 0 ? <Text c="dimmed" size="sm">{t('vouchers.familyNone')}</Text> : (
        <VouchersTable rows={rows} show="programme" communityID={communityID} anyProvider={can('voucher_programme', 'update')} canRedeem={can('voucher', 'update') && (can('voucher_programme', 'update') || ownProviders.length > 0)} canCancel={can('voucher', 'create')} onChanged={refresh} />
      )}
      {can('voucher', 'create') && (
        <Card withBorder mt="sm">
          <Title order={3} size="h5" mb="xs">{t('vouchers.issueTitle')}</Title>
          <IssueVoucherForm communityID={communityID} familyID={familyID} programmes={programmes} onIssued={refresh} />
        </Card>
      )}
    </section>
  );
}
