import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'react-router';
import { Anchor, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useSession } from '../../session';
import { communityName, formatDate, regionName } from '../../format';
import { ErrorAlert, Loading } from '../../components/common';
import { DashboardQueryDoc, TrendQueryDoc } from './queries';
import { usePlaces } from './places';
import { ScopePicker } from './ScopePicker';
import { PeriodPicker, type Period } from './PeriodPicker';
import { HeadlineFigures } from './HeadlineFigures';
import { Breakdowns, CommunityChart, TrendChart } from './Charts';
import { ComparisonTable, type ComparisonRow } from './ComparisonTable';
import { allowedLevels, defaultChoice, drillsDown, exportParams, toScope, type ScopeChoice } from './scope';
import { langOf } from './labels';

/** The dashboard: indicators of a territory and period, their definitions, trends, breakdowns and the communities compared. */
export default function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { viewer } = useSession();
  const [contextRegion, setContextRegion] = useState<string | null>(null);
  const places = usePlaces(contextRegion);
  const [choice, setChoice] = useState<ScopeChoice>(() => defaultChoice(places.oversight));
  const now = new Date();
  const [period, setPeriod] = useState<Period>({ kind: 'MONTH', year: now.getFullYear(), number: now.getMonth() + 1 });
  const [chartKey, setChartKey] = useState('reports_received');
  const [trendKey, setTrendKey] = useState('reports_received');
  const [compareBy, setCompareBy] = useState<'communities' | 'groups' | null>(null);

  // A national analyst picks a region before its districts and communities.
  useEffect(() => {
    if (places.oversight.country && !contextRegion && places.regions[0]) setContextRegion(places.regions[0].value);
  }, [places.oversight.country, places.regions, contextRegion]);
  // A level chosen before its places arrived takes the first of them.
  useEffect(() => {
    if (choice.level === 'country' || choice.id) return;
    const list = choice.level === 'community' ? places.communities : choice.level === 'district' ? places.districts : places.regions;
    const first = list.find((o) => !places.oversight.country || choice.level === 'region' || o.regionID === contextRegion);
    if (first) setChoice({ level: choice.level, id: first.value });
  }, [choice, places, contextRegion]);

  const scope = useMemo(() => toScope(choice), [choice]);
  const periodInput = { kind: period.kind, year: period.year, number: period.kind === 'YEAR' ? null : period.number };
  const ready = choice.level === 'country' || !!choice.id;
  const wide = choice.level === 'region' || choice.level === 'country';
  const [{ data, fetching, error }] = useQuery({ query: DashboardQueryDoc, variables: { scope, period: periodInput, withGroups: wide, groupBy: choice.level === 'country' ? 'REGION' : 'DISTRICT' }, pause: !ready });
  // A year's trend is its months (twelve years would say little); months and quarters trend by themselves.
  const trendInput = period.kind === 'YEAR'
    ? { kind: 'MONTH' as const, year: period.year, number: period.year === now.getFullYear() ? now.getMonth() + 1 : 12 }
    : periodInput;
  const [{ data: trend }] = useQuery({ query: TrendQueryDoc, variables: { key: trendKey, scope, period: trendInput }, pause: !ready });
  const defs = data?.indicatorDefinitions ?? [];
  const report = data?.indicators;
  const q = exportParams(scope, periodInput, lang);
  const overseer = allowedLevels(places.oversight).includes('region');
  const drills = drillsDown(places.oversight);
  const supervisor = viewer.memberships.some((m) => m.role === 'REGIONAL_SUPERVISOR');

  const communityRows: ComparisonRow[] = useMemo(() => (report?.communities ?? []).map((c) => ({
    id: c.community.id,
    code: c.community.katottgCode,
    name: communityName(t, c.community),
    cells: c.cells,
    extra: overseer && !c.recordAccess ? (
      <Group gap="xs" wrap="nowrap">
        {drills && <Anchor component={Link} to={`/oversight/cases?community=${c.community.id}`} size="xs"
          aria-label={t('indicators.drillCases', { name: communityName(t, c.community) })}>{t('indicators.casesShort')}</Anchor>}
        <Anchor component={Link} to={`/service-map?community=${c.community.id}`} size="xs"
          aria-label={t('indicators.drillServices', { name: communityName(t, c.community) })}>{t('indicators.servicesShort')}</Anchor>
      </Group>
    ) : undefined,
  })), [report, t, overseer, drills]);
  const byRegion = choice.level === 'country';
  const groupRows: ComparisonRow[] = useMemo(() => (report?.groups ?? []).map((g) => ({
    id: g.id, name: byRegion ? regionName(t, g) : t('indicators.district', { name: g.name }), cells: g.cells,
  })), [report, t, byRegion]);
  // The country compares its regions first; a region its communities.
  const view = compareBy ?? (byRegion ? 'groups' : 'communities');

  return (
    <Stack>
      <Title order={1} size="h2">{t('indicators.title')}</Title>
      <Card withBorder padding="sm" component="section" aria-label={t('indicators.filters')}>
        <Group align="flex-end" wrap="wrap" gap="md">
          <ScopePicker places={places} value={choice} onChange={setChoice} contextRegion={contextRegion}
            onContextRegion={(id) => { setContextRegion(id); setChoice((c) => ({ level: c.level, id: '' })); }} />
          <PeriodPicker value={period} onChange={setPeriod} />
          <Group gap="xs">
            <Button component="a" variant="default" size="sm" href={`/exports/indicators.csv?${q}`} download aria-label={t('indicators.exportCsv')}>{t('indicators.csv')}</Button>
            <Button component="a" variant="default" size="sm" href={`/exports/indicators.xlsx?${q}`} download aria-label={t('indicators.exportXlsx')}>{t('indicators.xlsx')}</Button>
          </Group>
        </Group>
      </Card>
      <ErrorAlert error={data ? undefined : error} />
      {(fetching && !data) || !ready ? <Loading /> : report && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('indicators.range', { from: formatDate(i18n.language, report.from), to: formatDate(i18n.language, new Date(new Date(report.to).getTime() - 1).toISOString()) })}
            {' · '}{t('indicators.communitiesCount', { count: report.communities.length })}
            {report.communities.some((c) => !c.recordAccess) && <> · {t('indicators.suppression')}</>}
          </Text>
          <HeadlineFigures defs={defs} total={report.total} />
          {report.communities.length > 1 && (
            <CommunityChart defs={defs} value={chartKey} onChange={setChartKey}
              rows={report.communities.map((c) => ({ id: c.community.id, shortName: c.community.name, cells: c.cells }))} />
          )}
          <TrendChart defs={defs} value={trendKey} onChange={setTrendKey} points={trend?.indicatorTrend} kind={trendInput.kind}
            exportParams={Object.fromEntries([...exportParams(scope, trendInput, lang).entries()].filter(([k]) => k !== 'lang'))} />
          <Breakdowns defs={defs} total={report.total} />
          {report.communities.length > 1 && (
            <Card withBorder component="section" aria-labelledby="compare-h">
              <Group justify="space-between" mb="xs" wrap="wrap">
                <Title order={2} size="h4" id="compare-h">{t(view === 'groups' && groupRows.length > 1 ? (byRegion ? 'indicators.compareRegions' : 'indicators.compareDistricts') : 'indicators.compare')}</Title>
                {groupRows.length > 1 && (
                  <SegmentedControl value={view} onChange={(v) => setCompareBy(v as 'communities' | 'groups')} aria-label={t('indicators.compareBy')}
                    data={[{ value: 'communities', label: t('indicators.byCommunities') }, { value: 'groups', label: t(byRegion ? 'indicators.byRegions' : 'indicators.byDistricts') }]} />
                )}
              </Group>
              <Text size="xs" c="dimmed" mb="xs">{t('indicators.compareHint')}{supervisor ? ' ' + t('indicators.drillHint') : ''}</Text>
              {view === 'groups' && groupRows.length > 1
                ? <ComparisonTable key={byRegion ? 'r' : 'd'} rows={groupRows} defs={defs} caption={t('indicators.compare')} nameHeader={t(byRegion ? 'indicators.levels.region' : 'indicators.levels.district')} />
                : <ComparisonTable key="c" rows={communityRows} defs={defs} caption={t('indicators.compare')} nameHeader={t('indicators.community')} />}
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}
