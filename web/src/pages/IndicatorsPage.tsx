import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Anchor, Card, Group, NativeSelect, NumberInput, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { graphql } from '../gql';
import type { IndicatorScope, PeriodKind } from '../gql/graphql';
import { useSession } from '../session';
import { communityName, formatDate, regionName } from '../format';
import { ErrorAlert, Loading } from '../components/common';

const IndicatorsQuery = graphql(`
  query Indicators($scope: IndicatorScope, $period: PeriodInput!) {
    indicatorDefinitions { key unit breakdown name { uk en } description { uk en } }
    indicators(scope: $scope, period: $period) {
      from to
      total { key part display suppressed }
      communities { recordAccess community { id name kind katottgCode region { name katottgCode } } cells { key part display suppressed } }
    }
  }
`);
const TrendQuery = graphql(`
  query IndicatorTrend($key: String!, $scope: IndicatorScope, $period: PeriodInput!) {
    indicatorTrend(key: $key, scope: $scope, period: $period, periods: 12) { from to cell { value display suppressed } }
  }
`);

interface ScopeOption { value: string; label: string; scope: IndicatorScope }

/** The scopes the viewer oversees: their communities, their regions, the country. */
function useScopes(): ScopeOption[] {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const out: ScopeOption[] = [];
  for (const m of viewer.memberships) {
    if (m.community && !out.some((o) => o.value === 'c:' + m.community!.id)) out.push({ value: 'c:' + m.community.id, label: communityName(t, m.community), scope: { communityID: m.community.id } });
    else if (m.region && !out.some((o) => o.value === 'r:' + m.region!.id)) out.push({ value: 'r:' + m.region.id, label: regionName(t, m.region), scope: { regionID: m.region.id } });
    else if (!m.community && !m.region && m.role === 'NATIONAL_ANALYST' && !out.some((o) => o.value === 'all')) out.push({ value: 'all', label: t('region.country'), scope: {} });
  }
  return out;
}

function Bars({ points }: { points: { label: string; value: number; display: string }[] }) {
  const max = Math.max(1, ...points.map((p) => p.value));
  return (
    <svg role="img" viewBox={`0 0 ${points.length * 48} 140`} width="100%" height={160} aria-label={points.map((p) => `${p.label}: ${p.display}`).join('; ')}>
      {points.map((p, i) => {
        const h = (p.value / max) * 100;
        return (
          <g key={i}>
            <rect x={i * 48 + 8} y={110 - h} width={32} height={h} fill="var(--mantine-color-teal-6)" rx={3} />
            <text x={i * 48 + 24} y={105 - h} textAnchor="middle" fontSize={11}>{p.display}</text>
            <text x={i * 48 + 24} y={128} textAnchor="middle" fontSize={10}>{p.label}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** Indicators of a period per community and in total, compared across the scope, with trends and exports. */
export default function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const scopes = useScopes();
  const now = new Date();
  const [scopeKey, setScopeKey] = useState(scopes[0]?.value ?? 'all');
  const [kind, setKind] = useState<PeriodKind>('MONTH');
  const [year, setYear] = useState<number>(now.getFullYear());
  const [number, setNumber] = useState<number>(now.getMonth() + 1);
  const [trendKey, setTrendKey] = useState<string | null>('reports_received');
  const scope = scopes.find((s) => s.value === scopeKey)?.scope ?? {};
  const period = { kind, year, number: kind === 'YEAR' ? null : number };
  const [{ data, fetching, error }] = useQuery({ query: IndicatorsQuery, variables: { scope, period } });
  const [{ data: trend }] = useQuery({ query: TrendQuery, variables: { key: trendKey ?? '', scope, period }, pause: !trendKey });
  const lang = i18n.language === 'en' ? 'en' : 'uk';
  const defs = data?.indicatorDefinitions ?? [];
  const plain = defs.filter((d) => !d.breakdown);
  const byKey = useMemo(() => new Map(defs.map((d) => [d.key, d])), [defs]);
  const report = data?.indicators;

  const exportQuery = new URLSearchParams({ period: kind.toLowerCase(), year: String(year), number: String(kind === 'YEAR' ? 1 : number), lang });
  if (scope.communityID) exportQuery.set('communityID', scope.communityID);
  if (scope.regionID) exportQuery.set('regionID', scope.regionID);

  const partLabel = (breakdown: string | null | undefined, part: string) => {
    const groups: Record<string, string> = { source: 'source', category: 'category', outcome: 'closureOutcome' };
    const group = groups[breakdown ?? ''] ?? '';
    return group ? t(`${group}.${part}`, { defaultValue: part }) : part;
  };

  return (
    <Stack>
      <Title order={1} size="h2">{t('indicators.title')}</Title>
      <Group align="flex-end" wrap="wrap">
        {scopes.length > 1 && <NativeSelect label={t('indicators.scope')} value={scopeKey} onChange={(e) => setScopeKey(e.currentTarget.value)} data={scopes.map(({ value, label }) => ({ value, label }))} />}
        <NativeSelect label={t('indicators.period')} value={kind} onChange={(e) => { setKind(e.currentTarget.value as PeriodKind); setNumber(1); }}
          data={(['MONTH', 'QUARTER', 'YEAR'] as const).map((k) => ({ value: k, label: t(`periodKind.${k}`) }))} />
        <NumberInput label={t('indicators.year')} value={year} onChange={(v) => setYear(Number(v) || now.getFullYear())} min={2020} max={2100} w={110} />
        {kind !== 'YEAR' && (
          <NativeSelect label={kind === 'MONTH' ? t('indicators.month') : t('indicators.quarter')} value={String(number)} onChange={(e) => setNumber(Number(e.currentTarget.value))}
            data={Array.from({ length: kind === 'MONTH' ? 12 : 4 }, (_, i) => ({ value: String(i + 1), label: kind === 'MONTH' ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'uk-UA', { month: 'long' }).format(new Date(2026, i, 15)) : `${i + 1}` }))} />
        )}
        <Group gap="xs" mb={6}>
          <Anchor href={`/exports/indicators.csv?${exportQuery}`} size="sm">{t('indicators.csv')}</Anchor>
          <Anchor href={`/exports/indicators.xlsx?${exportQuery}`} size="sm">{t('indicators.xlsx')}</Anchor>
        </Group>
      </Group>
      <ErrorAlert error={data ? undefined : error} />
      {fetching && !data ? <Loading /> : report && (
        <>
          <Text size="sm" c="dimmed">{t('indicators.range', { from: formatDate(i18n.language, report.from), to: formatDate(i18n.language, new Date(new Date(report.to).getTime() - 1).toISOString()) })} · {t('indicators.suppression')}</Text>
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">{t('indicators.totals')}</Title>
            <Table.ScrollContainer minWidth={520}>
              <Table striped>
                <Table.Thead><Table.Tr><Table.Th scope="col">{t('indicators.indicator')}</Table.Th><Table.Th scope="col">{t('indicators.value')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {defs.map((d) => {
                    const cells = report.total.filter((c) => c.key === d.key);
                    return (
                      <Table.Tr key={d.key}>
                        <Table.Td>
                          <Tooltip label={d.description[lang]} multiline w={320} withArrow><Text size="sm" span tabIndex={0}>{d.name[lang]}</Text></Tooltip>
                          <Text size="xs" c="dimmed">{d.description[lang]}</Text>
                        </Table.Td>
                        <Table.Td>
                          {d.breakdown
                            ? (cells.length ? cells.map((c) => <Text key={c.part} size="sm">{partLabel(d.breakdown, c.part ?? '')}: <strong>{c.display}</strong></Text>) : '—')
                            : <Text fw={700}>{cells[0]?.display ?? '—'}</Text>}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          <Card withBorder>
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h4">{t('indicators.trend')}</Title>
              <Select aria-label={t('indicators.indicator')} value={trendKey} onChange={setTrendKey} allowDeselect={false} w={320}
                data={plain.map((d) => ({ value: d.key, label: d.name[lang] }))} />
            </Group>
            {trend && <Bars points={trend.indicatorTrend.map((p) => ({
              label: new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'uk-UA', kind === 'YEAR' ? { year: 'numeric' } : { month: 'short', year: '2-digit' }).format(new Date(p.from)),
              value: p.cell.suppressed ? 0 : (p.cell.value ?? 0) * (byKey.get(trendKey ?? '')?.unit === 'SHARE' ? 100 : 1), display: p.cell.display,
            }))} />}
          </Card>
          {report.communities.length > 1 && (
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">{t('indicators.compare')}</Title>
              <Table.ScrollContainer minWidth={900}>
                <Table striped stickyHeader>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('indicators.community')}</Table.Th>
                      {plain.map((d) => <Table.Th key={d.key} scope="col"><Text size="xs" fw={700}>{d.name[lang]}</Text></Table.Th>)}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.communities.map((c) => (
                      <Table.Tr key={c.community.id}>
                        <Table.Th scope="row"><Text size="sm">{communityName(t, c.community)}</Text></Table.Th>
                        {plain.map((d) => <Table.Td key={d.key}>{c.cells.find((x) => x.key === d.key)?.display ?? '—'}</Table.Td>)}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}
