import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Table, Text, UnstyledButton } from '@mantine/core';
import type { Definition } from './queries';
import { langOf } from './labels';
import { formatFigure } from '../../format';
import { cellOf, ranks, sortRows, type RowLike, type Sort } from './sort';
import { ScrollTable } from '../../components/ScrollTable';

export interface ComparisonRow extends RowLike {
  /** The KATOTTG code, to match the row with an export. */
  code?: string;
  /** Links next to the name (drill-down). */
  extra?: ReactNode;
}

function SortHeader({ label, active, desc, onClick }: { label: string; active: boolean; desc: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton onClick={onClick} className="sort-button" title={t('indicators.sortBy', { name: label })}>
      <Text size="xs" fw={700} span>{label}</Text>
      <span aria-hidden="true" className="sort-arrow">{active ? (desc ? ' ▼' : ' ▲') : ' ⇅'}</span>
    </UnstyledButton>
  );
}

/**
 * The communities (or districts) of the scope side by side, every figure as
 * the server shows it. Each column sorts (numbers largest first on the first
 * click); the rank follows the column sorted by, and is shown only then:
 * an alphabetical list ranks nothing.
 */
export function ComparisonTable({ rows, defs, caption, nameHeader, initial = { key: 'name', desc: false } }: {
  rows: ComparisonRow[];
  defs: Definition[];
  caption: string;
  nameHeader: string;
  initial?: Sort;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [sort, setSort] = useState<Sort>(initial);
  const plain = defs.filter((d) => !d.breakdown);
  const sorted = useMemo(() => sortRows(rows, sort, lang === 'en' ? 'en' : 'uk'), [rows, sort, lang]);
  const rankOf = useMemo(() => (sort.key === 'name' ? null : ranks(rows, sort.key)), [rows, sort.key]);
  const click = (key: string) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key !== 'name' }));
  const ariaSort = (key: string) => (sort.key === key ? (sort.desc ? 'descending' : 'ascending') : undefined);
  const sortedBy = sort.key === 'name' ? nameHeader : plain.find((d) => d.key === sort.key)?.name[lang] ?? '';
  return (
    <ScrollTable minWidth={Math.max(700, 160 + plain.length * 110)} label={caption}>
      <Table striped highlightOnHover stickyHeader withColumnBorders data-testid="comparison-table">
        <caption className="visually-hidden">{caption}. {t('indicators.sortedBy', { name: sortedBy, dir: t(sort.desc ? 'indicators.desc' : 'indicators.asc') })}</caption>
        <Table.Thead>
          <Table.Tr>
            {rankOf && <Table.Th scope="col" w={60}><Text size="xs" fw={700}>{t('indicators.rank')}</Text></Table.Th>}
            <Table.Th scope="col" aria-sort={ariaSort('name')} miw={220}>
              <SortHeader label={nameHeader} active={sort.key === 'name'} desc={sort.desc} onClick={() => click('name')} />
            </Table.Th>
            {plain.map((d) => (
              <Table.Th key={d.key} scope="col" aria-sort={ariaSort(d.key)} data-key={d.key}>
                <SortHeader label={d.name[lang]} active={sort.key === d.key} desc={sort.desc} onClick={() => click(d.key)} />
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((r) => (
            <Table.Tr key={r.id} data-row={r.id} data-code={r.code}>
              {rankOf && <Table.Td>{rankOf.get(r.id) ?? '—'}</Table.Td>}
              <Table.Th scope="row" fw={400}>
                <Text size="sm">{r.name}</Text>
                {r.extra}
              </Table.Th>
              {plain.map((d) => {
                const c = cellOf(r, d.key);
                return <Table.Td key={d.key} data-key={d.key} data-suppressed={c?.suppressed || undefined}>{c ? formatFigure(c, d.unit) : '—'}</Table.Td>;
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
