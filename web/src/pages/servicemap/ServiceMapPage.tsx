import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Card, Group, List, NativeSelect, Select, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { graphql } from '../../gql';
import { useSession } from '../../session';
import { communityName } from '../../format';
import { ErrorAlert, Loading } from '../../components/common';
import { usePlaces } from '../indicators/places';
import { langOf } from '../indicators/labels';
import { drillsDown } from '../indicators/scope';
import { ExportLinks } from '../../components/ExportLinks';
import { LightBadge } from '../../components/LightBadge';
import { RecordTable } from '../../components/RecordTable';

const OverviewQuery = graphql(`
  query ServiceMapOverview($regionID: ID!) {
    serviceMap(scope: { regionID: $regionID }) {
      community { id name kind katottgCode region { id name katottgCode } }
      services { code }
      minimalPackage { key present }
      unmetNeeds { service serviceName { uk en } display suppressed }
    }
  }
`);

const CommunityQuery = graphql(`
  query CommunityServiceMap($communityID: ID!) {
    serviceMap(scope: { communityID: $communityID }) {
      community { id name kind katottgCode region { id name katottgCode } }
      services { organization service serviceName { uk en } code capacity areaServed contacts }
      minimalPackage { key name { uk en } present }
      unmetNeeds { service serviceName { uk en } code families display suppressed }
    }
  }
`);

function Mark({ present }: { present: boolean }) {
  const { t } = useTranslation();
  return (
    <ThemeIcon size="sm" radius="xl" variant="light" color={present ? 'teal' : 'red'} aria-hidden="true">
      <span style={{ fontSize: 12, fontWeight: 700 }}>{present ? '✓' : '✗'}</span>
      <span className="visually-hidden">{t(present ? 'serviceMap.present' : 'serviceMap.missing')}</span>
    </ThemeIcon>
  );
}

/** One community's services, minimal-package checklist and unmet needs. */
function CommunityMap({ communityID }: { communityID: string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [{ data, fetching, error }] = useQuery({ query: CommunityQuery, variables: { communityID } });
  const m = data?.serviceMap[0];
  if (fetching && !data) return <Loading />;
  if (error) return <ErrorAlert error={error} />;
  if (!m) return <Text c="dimmed">{t('serviceMap.none')}</Text>;
  const present = m.minimalPackage.filter((p) => p.present).length;
  return (
    <Stack>
      <Title order={2} size="h3">{communityName(t, m.community)}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder component="section" aria-labelledby="pkg-h">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={3} size="h4" id="pkg-h">{t('serviceMap.package')}</Title>
            <ExportLinks table="minimalpackage" params={{ communityID }} what={t('serviceMap.package')} />
          </Group>
          <Text size="sm" c="dimmed" mb="xs">{t('serviceMap.packageCount', { n: present, of: m.minimalPackage.length })}</Text>
          <List spacing={6} listStyleType="none" data-testid="minimal-package">
            {m.minimalPackage.map((p) => (
              <List.Item key={p.key} icon={<Mark present={p.present} />} data-present={p.present}>
                <Text size="sm">{p.name[lang]}</Text>
              </List.Item>
            ))}
          </List>
        </Card>
        <Card withBorder component="section" aria-labelledby="unmet-h">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={3} size="h4" id="unmet-h">{t('serviceMap.unmet')}</Title>
            <ExportLinks table="unmetneeds" params={{ communityID }} what={t('serviceMap.unmet')} />
          </Group>
          <Text size="sm" c="dimmed" mb="xs">{t('serviceMap.unmetHint')}</Text>
          {m.unmetNeeds.length === 0 ? <Text size="sm">{t('serviceMap.noUnmet')}</Text> : (
            <Table striped data-testid="unmet-needs">
              <Table.Thead><Table.Tr><Table.Th scope="col">{t('serviceMap.service')}</Table.Th><Table.Th scope="col">{t('serviceMap.families')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {m.unmetNeeds.map((u) => (
                  <Table.Tr key={u.service}>
                    <Table.Td>{u.code && <Text span size="xs" c="dimmed" mr={6}>{u.code}</Text>}{u.serviceName[lang]}</Table.Td>
                    <Table.Td data-suppressed={u.suppressed || undefined}>{u.display}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder component="section" aria-labelledby="services-h">
        <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
          <Title order={3} size="h4" id="services-h">{t('serviceMap.services')}</Title>
          <ExportLinks table="servicemap" params={{ communityID }} what={t('serviceMap.services')} />
        </Group>
        {m.services.length === 0 ? <Text size="sm" c="dimmed">{t('serviceMap.noServices')}</Text> : (
          <>
          <RecordTable minWidth={680} label={t('serviceMap.services')} data-testid="services"
            columns={[t('serviceMap.service'), t('serviceMap.provider'), t('serviceMap.contacts'), t('serviceMap.capacity'), t('serviceMap.area'), t('serviceMap.code')]}
            rows={m.services} row={(s, i) => (
              <Table.Tr key={i}>
                <Table.Td miw={140}>{s.serviceName[lang]}</Table.Td>
                <Table.Td miw={140}>{s.organization}</Table.Td>
                <Table.Td miw={140} style={{ overflowWrap: 'anywhere' }}>{s.contacts || '—'}</Table.Td>
                <Table.Td>{s.capacity ?? '—'}</Table.Td>
                <Table.Td>{s.areaServed || '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.code ?? <Text span size="sm" title={t('serviceMap.codeUnknown')}>—<sup aria-hidden="true">*</sup><span className="visually-hidden">{t('serviceMap.codeUnknown')}</span></Text>}</Table.Td>
              </Table.Tr>
            )} />
          {m.services.some((s) => !s.code) && <Text size="xs" c="dimmed" mt="xs">* {t('serviceMap.codeNote')}</Text>}
          </>
        )}
      </Card>
    </Stack>
  );
}

/** The region's communities side by side: how much of the minimal package each offers, and what its families lack. */
function RegionOverview({ regionID, onPick }: { regionID: string; onPick: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [{ data, fetching, error }] = useQuery({ query: OverviewQuery, variables: { regionID } });
  if (fetching && !data) return <Loading />;
  if (error) return <ErrorAlert error={error} />;
  const rows = data?.serviceMap ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="overview-h">
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Title order={2} size="h4" id="overview-h">{t('serviceMap.overview')}</Title>
        <Group gap="md">
          <ExportLinks table="servicemap" params={{ regionID }} what={t('serviceMap.services')} />
          <ExportLinks table="minimalpackage" params={{ regionID }} what={t('serviceMap.package')} />
          <ExportLinks table="unmetneeds" params={{ regionID }} what={t('serviceMap.unmet')} />
        </Group>
      </Group>
      <RecordTable minWidth={720} label={t('serviceMap.overview')} highlightOnHover data-testid="service-overview"
        columns={[t('indicators.community'), t('serviceMap.servicesCount'), t('serviceMap.package'), t('serviceMap.unmet')]}
        rows={rows} row={(m) => (
          <Table.Tr key={m.community.id}>
            <Table.Th scope="row" fw={400}>
              <Anchor component="button" type="button" size="sm" onClick={() => onPick(m.community.id)}>{communityName(t, m.community)}</Anchor>
            </Table.Th>
            <Table.Td>{m.services.length}</Table.Td>
            <Table.Td>{t('serviceMap.packageShort', { n: m.minimalPackage.filter((p) => p.present).length, of: m.minimalPackage.length })}</Table.Td>
            <Table.Td>
              {m.unmetNeeds.length === 0 ? '—' : (
                <Group gap={4}>
                  {m.unmetNeeds.slice(0, 3).map((u) => <LightBadge key={u.service} color="orange">{u.serviceName[lang]}: {u.display}</LightBadge>)}
                  {m.unmetNeeds.length > 3 && <Text size="xs" c="dimmed">{t('serviceMap.more', { count: m.unmetNeeds.length - 3 })}</Text>}
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        )} />
    </Card>
  );
}

/** The service map: what the communities offer, the minimal package and unmet needs. */
export default function ServiceMapPage() {
  const { t } = useTranslation();
  const { community } = useSession();
  const [params, setParams] = useSearchParams();
  const regionParam = params.get('region');
  const places = usePlaces(regionParam);
  const regions = places.oversight.country ? places.regions : places.regions.filter((r) => places.oversight.regions.includes(r.value));
  const regionID = regionParam ?? (places.oversight.regions[0] ?? places.regions[0]?.value ?? null);
  const overseer = places.oversight.regions.length > 0 || places.oversight.country;
  const communities = useMemo(() => (overseer ? places.communities.filter((c) => c.regionID === regionID) : places.communities), [places, regionID, overseer]);
  const picked = params.get('community') ?? (overseer ? null : community?.id ?? null);
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v); else next.delete(k);
    if (k === 'region') next.delete('community');
    setParams(next);
  };
  return (
    <Stack>
      <Title order={1} size="h2">{t('serviceMap.title')}</Title>
      <Text size="sm" c="dimmed">{t('serviceMap.intro')}</Text>
      <Group align="flex-end" wrap="wrap">
        {overseer && regions.length > 1 && (
          <NativeSelect label={t('indicators.levels.region')} value={regionID ?? ''} onChange={(e) => set('region', e.currentTarget.value)} data={regions} />
        )}
        {(overseer || communities.length > 1) && (
          <Select label={t('indicators.community')} placeholder={overseer ? t('serviceMap.allCommunities') : undefined} searchable clearable={overseer} clearButtonProps={{ 'aria-label': t('form.clear') }}
            value={picked} onChange={(v) => set('community', v)} data={communities} w={340} maw="100%" nothingFoundMessage={t('indicators.nothingFound')} />
        )}
        {picked && drillsDown(places.oversight) && <Anchor component={Link} to={`/oversight/cases?community=${picked}`} size="sm" mb={8}>{t('oversight.casesLink')}</Anchor>}
      </Group>
      {picked ? <CommunityMap communityID={picked} /> : overseer && regionID ? <RegionOverview regionID={regionID} onPick={(id) => set('community', id)} /> : null}
    </Stack>
  );
}
