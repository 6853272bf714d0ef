import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, type CombinedError } from 'urql';
import { Link, useSearchParams } from 'react-router';
import { Alert, Anchor, Button, Card, Group, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { graphql } from '../../gql';
import { useSession } from '../../session';
import { communityName, formatDateTime } from '../../format';
import { ErrorAlert, Loading, StatusBadge } from '../../components/common';
import { notify } from '../../notify';
import { usePlaces } from '../indicators/places';
import { ExportLinks } from '../../components/ExportLinks';
import { EmergencyAccessForm, type OpenedAccess } from './EmergencyAccessForm';
import { EmergencyAccessesQuery } from './emergency';
import { useEndEmergencyAccess } from './useEndEmergencyAccess';
import { LightBadge } from '../../components/LightBadge';
import { RecordTable } from '../../components/RecordTable';

const CasesQuery = graphql(`
  query DeidentifiedCases($communityID: ID!) {
    deidentifiedCases(communityID: $communityID, first: 200) {
      reference openedMonth status categories children safetyResult safetyOnTime needsOnTime decisions closureOutcome
    }
  }
`);

function OnTime({ v }: { v: boolean | null | undefined }) {
  const { t } = useTranslation();
  if (v == null) return <>—</>;
  return <LightBadge color={v ? 'teal' : 'red'}>{t(v ? 'oversight.onTime' : 'oversight.late')}</LightBadge>;
}

type Access = { id: string; caseID: string; communityID: string; reference: string; reason: string; expiresAt: string; active: boolean; community: Parameters<typeof communityName>[1] };

/** The regional supervisor's own emergency accesses still in force, to open their cases or end them early. */
function MyAccesses({ active, error, onEnded }: { active: Access[]; error?: CombinedError; onEnded: () => void }) {
  const { t, i18n } = useTranslation();
  const { ending, stop } = useEndEmergencyAccess(onEnded);
  return (
    <Card withBorder component="section" aria-labelledby="my-acc-h">
      <Title order={2} size="h4" id="my-acc-h" mb="xs">{t('emergency.mine')}</Title>
      <ErrorAlert error={error} />
      {active.length === 0 ? <Text size="sm" c="dimmed">{t('emergency.noneActive')}</Text> : (
        <RecordTable minWidth={600} label={t('emergency.mine')} data-testid="my-accesses"
          columns={[t('emergency.reference'), t('form.actions'), t('indicators.community'), t('emergency.until'), t('emergency.reason')]}
          rows={active} row={(a) => (
            <Table.Tr key={a.id}>
              <Table.Th scope="row" fw={400}><Text size="sm" ff="monospace">{a.reference}</Text></Table.Th>
              <Table.Td>
                <Stack gap={6} align="flex-start">
                  <Button component={Link} to={`/cases/${a.caseID}`} size="xs" variant="light">{t('emergency.openCase')}</Button>
                  <Button size="xs" variant="default" loading={ending} onClick={() => stop(a.id)}>{t('emergency.end')}</Button>
                </Stack>
              </Table.Td>
              <Table.Td>{communityName(t, a.community)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i18n.language, a.expiresAt)}</Table.Td>
              <Table.Td><Text size="sm">{a.reason}</Text></Table.Td>
            </Table.Tr>
          )} />
      )}
    </Card>
  );
}

/**
 * A community's cases as oversight sees them: no names, no identifiers, the
 * month only. A regional supervisor may break the glass on one of them.
 */
export default function DeidentifiedCasesPage() {
  const { t, i18n } = useTranslation();
  const { viewer } = useSession();
  const [params, setParams] = useSearchParams();
  const places = usePlaces(null);
  const communityID = params.get('community') ?? (places.communities.length === 1 ? places.communities[0].value : '');
  const supervisor = viewer.memberships.some((m) => m.role === 'REGIONAL_SUPERVISOR');
  const [{ data, fetching, error }] = useQuery({ query: CasesQuery, variables: { communityID }, pause: !communityID });
  const [breaking, setBreaking] = useState<string | null>(null);
  const [opened, setOpened] = useState<(OpenedAccess & { reference: string }) | null>(null);
  const [{ data: accessData, error: accessError }, reloadAccesses] = useQuery({ query: EmergencyAccessesQuery, variables: { where: { userID: viewer.user?.id ?? '' } },
    pause: !supervisor, requestPolicy: 'cache-and-network' });
  const reload = () => reloadAccesses({ requestPolicy: 'network-only' });
  const active: Access[] = (accessData?.emergencyAccesses.edges ?? []).map((e) => e!.node!).filter((a) => a.active);
  const openFor = (reference: string) => active.find((a) => a.reference === reference && a.communityID === communityID);
  const rows = data?.deidentifiedCases ?? [];
  const name = useMemo(() => places.communities.find((c) => c.value === communityID)?.label ?? '', [places, communityID]);
  const month = (m: string) => new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'uk-UA', { month: 'long', year: 'numeric' }).format(new Date(`${m}-15T12:00:00Z`));

  return (
    <Stack>
      <Title order={1} size="h2">{t('oversight.title')}</Title>
      <Text size="sm" c="dimmed">{t('oversight.intro')}</Text>
      <Select label={t('indicators.community')} value={communityID || null} searchable allowDeselect={false} w={360} maw="100%"
        onChange={(v) => v && setParams({ community: v })} data={places.communities} placeholder={t('oversight.choosePlaceholder')} nothingFoundMessage={t('indicators.nothingFound')} />
      {opened && (
        <Alert color="orange" role="status" title={t('emergency.openedTitle')}>
          <Stack gap={6}>
            <Text size="sm">{t('emergency.openedText', { reference: opened.reference, until: formatDateTime(i18n.language, opened.expiresAt) })}</Text>
            <Button component={Link} to={`/cases/${opened.caseID}`} w="fit-content" color="orange">{t('emergency.openCase')}</Button>
          </Stack>
        </Alert>
      )}
      {supervisor && <MyAccesses active={active} error={accessError} onEnded={reload} />}
      {!communityID ? <Text>{t('oversight.choose')}</Text> : (
      <Card withBorder component="section" aria-labelledby="dcases-h">
        <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
          <Title order={2} size="h4" id="dcases-h">{t('oversight.listOf', { name })}</Title>
          <ExportLinks table="cases" params={{ communityID }} what={t('oversight.listOf', { name })} />
        </Group>
        <ErrorAlert error={error} />
        {fetching && !data ? <Loading /> : rows.length === 0 ? <Text c="dimmed">{t('oversight.none')}</Text> : (
          <RecordTable minWidth={1000} label={t('oversight.listOf', { name })} highlightOnHover data-testid="deidentified-cases"
            columns={[t('emergency.reference'), supervisor && t('emergency.access'), t('oversight.opened'), t('oversight.status'), t('oversight.categories'), t('oversight.children'), t('oversight.safety'), t('oversight.safetyOnTime'), t('oversight.needsOnTime'), t('oversight.decisions'), t('oversight.outcome')]}
            rows={rows} row={(c) => {
              const open = supervisor ? openFor(c.reference) : undefined;
              return (
              <Table.Tr key={c.reference} data-reference={c.reference}>
                <Table.Th scope="row" fw={400}><Text size="sm" ff="monospace">{c.reference}</Text></Table.Th>
                {supervisor && (
                  <Table.Td data-access={open ? 'open' : undefined}>
                    {open ? (
                      <Stack gap={4} align="flex-start">
                        <LightBadge color="orange">{t('emergency.openUntil', { until: formatDateTime(i18n.language, open.expiresAt) })}</LightBadge>
                        <Anchor component={Link} to={`/cases/${open.caseID}`} size="sm" aria-label={t('emergency.openCaseFor', { reference: c.reference })}>{t('emergency.openCase')}</Anchor>
                      </Stack>
                    ) : (
                      <Button size="xs" variant="outline" color="red" onClick={() => setBreaking(c.reference)}
                        aria-label={t('emergency.buttonFor', { reference: c.reference })}>{t('emergency.button')}</Button>
                    )}
                  </Table.Td>
                )}
                <Table.Td>{month(c.openedMonth)}</Table.Td>
                <Table.Td><StatusBadge status={c.status} /></Table.Td>
                <Table.Td><Text size="sm">{c.categories.map((x) => t(`category.${x}`, { defaultValue: x })).join(', ') || '—'}</Text></Table.Td>
                <Table.Td>{c.children}</Table.Td>
                <Table.Td><Text size="sm">{c.safetyResult ? t(`safetyResult.${c.safetyResult}`, { defaultValue: c.safetyResult }) : '—'}</Text></Table.Td>
                <Table.Td><OnTime v={c.safetyOnTime} /></Table.Td>
                <Table.Td><OnTime v={c.needsOnTime} /></Table.Td>
                <Table.Td><Text size="sm">{c.decisions.map((d) => t(`decisionKind.${d}`, { defaultValue: d })).join('; ') || '—'}</Text></Table.Td>
                <Table.Td><Text size="sm">{c.closureOutcome ? t(`closureOutcome.${c.closureOutcome}`, { defaultValue: c.closureOutcome }) : '—'}</Text></Table.Td>
              </Table.Tr>
              );
            }} />
        )}
      </Card>
      )}
      <Modal closeButtonProps={{ 'aria-label': t('form.close') }} opened={!!breaking} onClose={() => setBreaking(null)} title={t('emergency.formTitle')} size="lg">
        {breaking && (
          <EmergencyAccessForm communityID={communityID} reference={breaking} onCancel={() => setBreaking(null)}
            onOpened={(a) => { setOpened({ ...a, reference: breaking }); setBreaking(null); reload(); notify({ color: 'orange', message: t('emergency.openedTitle') }); }} />
        )}
      </Modal>
    </Stack>
  );
}
