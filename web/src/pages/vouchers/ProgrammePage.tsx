import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { VoucherProgrammeQuery } from '../../gql/graphql';
import { usePermissionsIn } from '../../session';
import { formatDate } from '../../format';
import { Field } from '../../components/common';
import { NodePage } from '../../components/NodePage';
import { notify } from '../../notify';
import { ProgrammeQuery, serviceTypeName, uah } from './queries';
import { ProgrammeForm } from './ProgrammeForm';
import { IssueVoucherForm } from './IssueVoucherForm';
import { VouchersTable } from './VouchersTable';
import { useOwnProviders } from './VoucherActions';
import { LightBadge } from '../../components/LightBadge';

type Programme = Extract<NonNullable<VoucherProgrammeQuery['node']>, { __typename?: 'VoucherProgramme' }>;

function ProgrammeView({ p, reload }: { p: Programme; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const perms = usePermissionsIn(p.communityID);
  const can = (o: string, a: string) => !!perms?.has(`${o}:${a}`);
  const [editing, setEditing] = useState(false);
  const ownProviders = useOwnProviders();
  const vouchers = (p.issued.edges ?? []).map((e) => e!.node!);
  return (
    <Stack>
      <Anchor component={Link} to="/vouchers" size="sm">← {t('vouchers.title')}</Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">{p.name}</Title>
        <LightBadge color={p.active ? 'teal' : 'gray'} size="lg">{t(p.active ? 'vouchers.isActive' : 'vouchers.inactive')}</LightBadge>
      </Group>
      <Card withBorder>
        {editing ? (
          <ProgrammeForm communityID={p.communityID} onCancel={() => setEditing(false)}
            initial={{ id: p.id, name: p.name, serviceTypeID: p.serviceType?.id ?? null, valueUah: p.valueUah, vouchers: p.vouchers, eligibility: p.eligibility, startsOn: p.startsOn.slice(0, 10), endsOn: p.endsOn?.slice(0, 10) ?? null, active: p.active }}
            onSaved={() => { notify({ color: 'teal', message: t('vouchers.saved') }); setEditing(false); reload(); }} />
        ) : (
          <>
            <dl className="fields">
              <Field label={t('vouchers.serviceType')}>{p.serviceType ? serviceTypeName(i18n.language, p.serviceType) : '—'}</Field>
              <Field label={t('vouchers.value')}>{uah(i18n.language, p.valueUah)}</Field>
              <Field label={t('vouchers.budget')}>{p.vouchers}</Field>
              <Field label={t('vouchers.issuedCount')}><span data-testid="issued-count">{p.issuedCount}</span></Field>
              <Field label={t('vouchers.remaining')}><span data-testid="remaining">{p.remaining}</span></Field>
              <Field label={t('vouchers.periodCol')}>{formatDate(i18n.language, p.startsOn, true)} – {p.endsOn ? formatDate(i18n.language, p.endsOn, true) : t('vouchers.openEnded')}</Field>
            </dl>
            <Text size="sm" mt="sm"><strong>{t('vouchers.eligibility')}:</strong> {p.eligibility}</Text>
            {can('voucher_programme', 'update') && <Button mt="sm" w="fit-content" variant="default" onClick={() => setEditing(true)}>{t('vouchers.editProgramme')}</Button>}
          </>
        )}
      </Card>
      {can('voucher', 'create') && (
        <Card withBorder component="section" aria-labelledby="issue-h">
          <Title order={2} size="h4" id="issue-h" mb="xs">{t('vouchers.issueTitle')}</Title>
          {!p.active ? <Text size="sm" c="dimmed">{t('vouchers.notActive')}</Text> : <IssueVoucherForm communityID={p.communityID} programmeID={p.id} onIssued={reload} />}
        </Card>
      )}
      <section aria-labelledby="issued-h">
        <Title order={2} size="h4" id="issued-h" mb="xs">{t('vouchers.issuedList', { count: p.issued.totalCount })}</Title>
        {vouchers.length === 0 ? <Text c="dimmed">{t('vouchers.noneIssued')}</Text> : (
          <VouchersTable rows={vouchers} show="family" communityID={p.communityID} anyProvider={can('voucher_programme', 'update')} canRedeem={can('voucher', 'update') && (can('voucher_programme', 'update') || ownProviders.length > 0)} canCancel={can('voucher', 'create')} onChanged={reload} />
        )}
      </section>
    </Stack>
  );
}

/** One programme: its terms, issuing vouchers to families, and the vouchers issued. */
export default function ProgrammePage() {
  return <NodePage query={ProgrammeQuery} typename="VoucherProgramme">{(p, reload) => <ProgrammeView p={p} reload={reload} />}</NodePage>;
}
