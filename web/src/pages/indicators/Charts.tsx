import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart, LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Card, Group, Select, SimpleGrid, Text, Title } from '@mantine/core';
import type { Cell, Definition } from './queries';
import { langOf, partLabel } from './labels';
import { formatFigure, formatPlotted, periodLabel } from '../../format';
import { ExportLinks } from '../../components/ExportLinks';

export interface Point { label: string; cell: Pick<Cell, 'value' | 'display' | 'suppressed'> }

/** A value to draw: shares as per cent; suppressed and empty figures are not drawn at all. */
export function plotted(cell: Point['cell'], unit: string): number | null {
  if (cell.suppressed || cell.value == null) return null;
  return unit === 'SHARE' ? Math.round(cell.value * 1000) / 10 : Math.round(cell.value * 100) / 100;
}

/**
 * A chart with its caption, and the same figures as a list for screen
 * readers (the drawing itself is hidden from them): figures are written as
 * the server shows them, "<5" included.
 */
function Figure({ title, points, unit, children, note, showValues = false }: { title: string; points: Point[]; unit: string; children: ReactNode; note?: string; showValues?: boolean }) {
  const id = useId();
  return (
    <figure aria-labelledby={id} style={{ margin: 0 }}>
      <figcaption id={id}><Text size="sm" fw={600}>{title}</Text></figcaption>
      <div aria-hidden="true">{children}</div>
      <ul className={showValues ? 'figure-values' : 'visually-hidden'}>
        {points.map((p, i) => <li key={i}>{p.label}: <strong>{formatFigure(p.cell, unit)}</strong></li>)}
      </ul>
      {note && <Text size="xs" c="dimmed" mt={4}>{note}</Text>}
    </figure>
  );
}

/** Counts are whole: their axes tick at integers only (never 0.25 of a family). */
export const counts = (unit: string) => unit === 'COUNT';

const noA11yLayer = { accessibilityLayer: false } as const;

/** One indicator across the communities of the scope, largest first. */
export function CommunityChart({ defs, rows, value, onChange }: {
  defs: Definition[];
  rows: { id: string; shortName: string; cells: Cell[] }[];
  value: string;
  onChange: (key: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const plain = defs.filter((d) => !d.breakdown);
  const def = plain.find((d) => d.key === value) ?? plain[0];
  if (!def) return null;
  const points = rows.map((r) => ({ label: r.shortName, cell: r.cells.find((c) => c.key === def.key && !c.part) ?? { value: null, display: '—', suppressed: false } }));
  const drawn = points.map((p) => ({ ...p, v: plotted(p.cell, def.unit) })).filter((p) => p.v != null && p.v > 0).sort((a, b) => b.v! - a.v!);
  const top = drawn.slice(0, 15);
  const hidden = points.filter((p) => p.cell.suppressed).length;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4">{t('indicators.byCommunity')}</Title>
        <Select label={t('indicators.indicator')} value={def.key} onChange={(v) => v && onChange(v)} allowDeselect={false} w={340} maw="100%"
          data={plain.map((d) => ({ value: d.key, label: d.name[lang] }))} />
      </Group>
      <Figure title={def.name[lang]} points={points} unit={def.unit}
        note={[drawn.length > top.length ? t('indicators.topN', { n: top.length, of: drawn.length }) : '', hidden ? t('indicators.notDrawn', { count: hidden }) : ''].filter(Boolean).join(' ')}>
        {top.length === 0 ? <Text c="dimmed" size="sm">{t('indicators.nothingToDraw')}</Text> : (
          <BarChart h={Math.max(160, top.length * 30 + 40)} data={top.map((p) => ({ name: p.label, value: p.v }))} dataKey="name" orientation="vertical"
            series={[{ name: 'value', label: def.name[lang], color: 'teal.7' }]} withBarValueLabel withTooltip={false} gridAxis="x"
            yAxisProps={{ width: 150 }} xAxisProps={{ allowDecimals: !counts(def.unit) }} barChartProps={noA11yLayer}
            valueFormatter={(v) => formatPlotted(v, def.unit)} />
        )}
      </Figure>
    </Card>
  );
}

/** An indicator over the 12 periods ending with the chosen one. */
export function TrendChart({ defs, value, onChange, points, kind, exportParams }: {
  defs: Definition[];
  value: string;
  onChange: (key: string) => void;
  points: { from: string; cell: Point['cell'] }[] | undefined;
  kind: string;
  /** The scope and period, for the export of the same trend. */
  exportParams: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const plain = defs.filter((d) => !d.breakdown);
  const def = plain.find((d) => d.key === value) ?? plain[0];
  if (!def) return null;
  const labelled = (points ?? []).map((p) => ({ label: periodLabel(i18n.language, p.from, kind), cell: p.cell }));
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Group gap="sm" align="center">
          <Title order={2} size="h4">{t('indicators.trend')}</Title>
          <ExportLinks table="trend" params={{ ...exportParams, key: def.key, periods: 12 }} what={`${t('indicators.trend')}: ${def.name[lang]}`} />
        </Group>
        <Select label={t('indicators.indicator')} value={def.key} onChange={(v) => v && onChange(v)} allowDeselect={false} w={340} maw="100%"
          data={plain.map((d) => ({ value: d.key, label: d.name[lang] }))} />
      </Group>
      <Figure title={def.name[lang]} points={labelled} unit={def.unit}>
        <LineChart h={240} data={labelled.map((p) => ({ period: p.label, value: plotted(p.cell, def.unit) }))} dataKey="period"
          series={[{ name: 'value', label: def.name[lang], color: 'teal.7' }]} curveType="linear" connectNulls={false} withTooltip={false}
          lineChartProps={{ ...noA11yLayer, margin: { right: 24, left: 8 } }} withPointLabels
          yAxisProps={{ allowDecimals: !counts(def.unit) }} valueFormatter={(v) => formatPlotted(v, def.unit)} />
      </Figure>
    </Card>
  );
}

/** Indicators with parts (sources, categories, outcomes, services), over the scope. */
export function Breakdowns({ defs, total }: { defs: Definition[]; total: Cell[] }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const broken = defs.filter((d) => d.breakdown);
  return (
    <section aria-labelledby="breakdowns-h">
      <Title order={2} size="h4" id="breakdowns-h" mb="xs">{t('indicators.breakdowns')}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {broken.map((d) => {
          const parts = total.filter((c) => c.key === d.key && c.part);
          const points = parts.map((c) => ({ label: partLabel(t, d.breakdown, c.part ?? ''), cell: c }));
          return (
            <Card withBorder key={d.key} data-breakdown={d.key}>
              <Text size="xs" c="dimmed" mb={4}>{d.description[lang]}</Text>
              {parts.length === 0 ? (
                <><Text size="sm" fw={600}>{d.name[lang]}</Text><Text c="dimmed" size="sm">{t('indicators.noParts')}</Text></>
              ) : (
                <Figure title={d.name[lang]} points={points} unit={d.unit} showValues
                  note={points.some((p) => p.cell.suppressed) ? t('indicators.partsSuppressed', { parts: points.filter((p) => p.cell.suppressed).map((p) => p.label).join(', ') }) : undefined}>
                  <BarChart h={Math.max(120, parts.length * 28 + 30)} data={points.map((p) => ({ part: p.label, value: plotted(p.cell, d.unit) }))} dataKey="part"
                    orientation="vertical" series={[{ name: 'value', label: d.name[lang], color: 'indigo.7' }]} withBarValueLabel withTooltip={false}
                    gridAxis="x" yAxisProps={{ width: 170 }} xAxisProps={{ allowDecimals: !counts(d.unit) }} barChartProps={noA11yLayer}
                    valueFormatter={(v) => formatPlotted(v, d.unit)} />
                </Figure>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
    </section>
  );
}
