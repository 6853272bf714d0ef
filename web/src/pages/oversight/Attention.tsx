import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'react-router';
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { graphql } from '../../gql';
import { useSession } from '../../session';
import { formatDateTime, formatFigure, periodLabel } from '../../format';
import { ErrorAlert, Loading } from '../../components/common';
import { TableHead } from '../../components/TableHead';
import { drillsDown, oversightOf } from '../indicators/scope';
import { lateCommunities, yearOf } from './attention';

const AttentionQuery = graphql(`
  query Attention($period: PeriodInput!, $userID: ID!, $accesses: Boolean!, $now: Time!) {
    indicators(period: $period) {
      from
      communities { recordAccess community { id name } cells { key part value display suppressed } }
    }
    emergencyAccesses(first: 50, where: { userID: $userID, endedAtIsNil: true, expiresAtGT: $now }, orderBy: { field: CREATED_AT, direction: DESC })
      @include(if: $accesses) {
      edges { node { id caseID reference reason expiresAt active community { id name } } }
    }
  }
`);

/** At most this many communities on the home page; the dashboard has them all. */
const shown = 10;

/**
 * The regional home opens on what needs attention: the communities whose
 * safety or needs assessments ran late this year (each opening its
 * de-identified cases, or the dashboard for a national analyst) and the
 * emergency accesses the viewer still holds open (each opening its case).
 */
export function Attention() {
  const { t, i18n } = useTranslation();
  const { viewer } = useSession();
  const drills = drillsDown(oversightOf(viewer.memberships));
  // Fixed for the page's life, so the query's variables stay the same.
  const { period, now } = useMemo(() => ({ period: yearOf(new Date()), now: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }), []);
  const [{ data, fetching, error }] = useQuery({ query: AttentionQuery, variables: { period, userID: viewer.user?.id ?? '', accesses: drills, now } });
  const late = useMemo(() => lateCommunities(data?.indicators.communities ?? [], i18n.language), [data, i18n.language]);
  const accesses = (data?.emergencyAccesses?.edges ?? []).map((e) => e!.node!).filter((a) => a.active);
  const figure = (c: { value?: number | null; display: string; suppressed: boolean } | null) => (c ? formatFigure(c, 'SHARE') : '—');

  return (
    <Stack gap="lg">
      <ErrorAlert error={data ? undefined : error} />
      {fetching && !data ? <Loading /> : data && (
        <>
          {drills && (
            <section aria-labelledby="emergency-h">
              <Title order={2} size="h3" id="emergency-h" mb="xs">{t('attention.emergency', { count: accesses.length })}</Title>
              {accesses.length === 0 ? <Text c="dimmed">{t('attention.noEmergency')}</Text> : (
                <Stack gap="xs">
                  {accesses.map((a) => (
                    <Card key={a.id} withBorder padding="sm" data-testid="attention-access">
                      <Group justify="space-between" wrap="wrap">
                        <Stack gap={2}>
                          <Text fw={600}>{a.community.name} · {a.reference}</Text>
                          <Text size="sm" lineClamp={2}>{a.reason}</Text>
                          <Text size="xs" c="dimmed">{t('attention.until', { when: formatDateTime(i18n.language, a.expiresAt) })}</Text>
                        </Stack>
                        <Button component={Link} to={`/cases/${a.caseID}`} size="xs" color="orange" variant="light">{t('emergency.openCase')}</Button>
                      </Group>
                    </Card>
                  ))}
                </Stack>
              )}
            </section>
          )}

          <section aria-labelledby="late-h">
            <Group justify="space-between" mb="xs" align="flex-end">
              <Stack gap={0}>
                <Title order={2} size="h3" id="late-h">{t('attention.late', { count: late.length })}</Title>
                <Text size="sm" c="dimmed">{t('attention.lateIntro', { period: periodLabel(i18n.language, data.indicators.from, 'YEAR') })}</Text>
              </Stack>
              <Anchor component={Link} to="/indicators" size="sm">{t('attention.dashboard')}</Anchor>
            </Group>
            {late.length === 0 ? <Text c="dimmed">{t('attention.noLate')}</Text> : (
              <Table.ScrollContainer minWidth={560}>
                <Table striped highlightOnHover>
                  <TableHead columns={[t('indicators.community'), t('attention.safetyOnTime'), t('attention.needsOnTime'), '']} />
                  <Table.Tbody>
                    {late.slice(0, shown).map((c) => (
                      <Table.Tr key={c.id} data-testid="attention-community">
                        <Table.Td><Text size="sm" fw={600}>{c.name}</Text></Table.Td>
                        <Table.Td><Badge variant="light" color={c.safety && c.safety.value != null && c.safety.value < 1 ? 'red' : 'gray'}>{figure(c.safety)}</Badge></Table.Td>
                        <Table.Td><Badge variant="light" color={c.needs && c.needs.value != null && c.needs.value < 1 ? 'red' : 'gray'}>{figure(c.needs)}</Badge></Table.Td>
                        <Table.Td>
                          {drills
                            ? <Anchor component={Link} to={`/oversight/cases?community=${c.id}`} size="sm" aria-label={t('attention.casesOf', { name: c.name })}>{t('attention.cases')}</Anchor>
                            : <Anchor component={Link} to="/indicators" size="sm">{t('attention.dashboard')}</Anchor>}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {late.length > shown && <Text size="sm" c="dimmed" mt="xs">{t('attention.more', { count: late.length - shown })}</Text>}
          </section>
        </>
      )}
    </Stack>
  );
}
