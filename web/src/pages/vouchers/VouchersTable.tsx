import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Anchor, Table, Text } from '@mantine/core';
import { formatDate } from '../../format';
import { VoucherActions } from './VoucherActions';
import { LightBadge } from '../../components/LightBadge';
import { RecordTable } from '../../components/RecordTable';
import { PdfLink } from '../case/print';

export interface VoucherRow {
  id: string; number: string; issuedAt: string; status: string; redeemedAt?: string | null; cancelReason?: string | null;
  family?: { id: string; name: string } | null;
  programme?: { id: string; name: string } | null;
  provider?: { id: string; name: string } | null;
}

const statusColor: Record<string, string> = { ISSUED: 'blue', REDEEMED: 'teal', CANCELLED: 'gray' };

/** Vouchers with their state; those still issued may be redeemed (by the provider's staff) or cancelled. */
export function VouchersTable({ rows, communityID, show, canRedeem, anyProvider, canCancel, onChanged }: {
  rows: VoucherRow[]; communityID: string; anyProvider: boolean; show: 'family' | 'programme'; canRedeem: boolean; canCancel: boolean; onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <RecordTable minWidth={760} label={t('vouchers.title')} data-testid="vouchers"
      columns={[t('vouchers.number'), show === 'family' ? t('vouchers.family') : t('vouchers.programme'), t('vouchers.issuedAt'), t('vouchers.status'), t('vouchers.details'), (canRedeem || canCancel) && t('form.actions')]}
      rows={rows} row={(v) => (
        <Table.Tr key={v.id}>
          <Table.Th scope="row" fw={400}>{v.number}<br /><PdfLink kind="voucher" id={v.id} /></Table.Th>
          <Table.Td>
            {show === 'family'
              ? (v.family ? <Anchor component={Link} to={`/families/${v.family.id}`} size="sm">{v.family.name}</Anchor> : '—')
              : (v.programme ? <Anchor component={Link} to={`/vouchers/${v.programme.id}`} size="sm">{v.programme.name}</Anchor> : '—')}
          </Table.Td>
          <Table.Td>{formatDate(i18n.language, v.issuedAt, true)}</Table.Td>
          <Table.Td><LightBadge color={statusColor[v.status] ?? 'gray'}>{t(`voucherStatus.${v.status}`)}</LightBadge></Table.Td>
          <Table.Td>
            <Text size="sm">
              {v.status === 'REDEEMED' && t('vouchers.redeemedBy', { provider: v.provider?.name ?? '—', date: formatDate(i18n.language, v.redeemedAt, true) })}
              {v.status === 'CANCELLED' && t('vouchers.cancelledBecause', { reason: v.cancelReason ?? '—' })}
              {v.status === 'ISSUED' && '—'}
            </Text>
          </Table.Td>
          {(canRedeem || canCancel) && (
            <Table.Td>
              {v.status === 'ISSUED' && <VoucherActions id={v.id} number={v.number} communityID={communityID} anyProvider={anyProvider} canRedeem={canRedeem} canCancel={canCancel} onChanged={onChanged} />}
            </Table.Td>
          )}
        </Table.Tr>
      )} />
  );
}
