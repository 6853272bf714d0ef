import { useTranslation } from 'react-i18next';
import { Group, NativeSelect, NumberInput } from '@mantine/core';
import type { PeriodKind } from '../../gql/graphql';
import { locale } from '../../format';

export interface Period { kind: PeriodKind; year: number; number: number }

/** Month, quarter or year, and which one. */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const { t, i18n } = useTranslation();
  const monthName = (i: number) => new Intl.DateTimeFormat(locale(i18n.language), { month: 'long' }).format(new Date(2026, i, 15));
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <NativeSelect label={t('indicators.period')} value={value.kind}
        onChange={(e) => {
          const kind = e.currentTarget.value as PeriodKind;
          const now = new Date();
          onChange({ ...value, kind, number: kind === 'QUARTER' ? Math.floor(now.getMonth() / 3) + 1 : now.getMonth() + 1 });
        }}
        data={(['MONTH', 'QUARTER', 'YEAR'] as const).map((k) => ({ value: k, label: t(`periodKind.${k}`) }))} />
      <NumberInput label={t('indicators.year')} value={value.year} onChange={(v) => Number(v) >= 2020 && onChange({ ...value, year: Number(v) })}
        min={2020} max={2100} w={100} allowDecimal={false} />
      {value.kind !== 'YEAR' && (
        <NativeSelect label={value.kind === 'MONTH' ? t('indicators.month') : t('indicators.quarter')} value={String(value.number)}
          onChange={(e) => onChange({ ...value, number: Number(e.currentTarget.value) })}
          data={Array.from({ length: value.kind === 'MONTH' ? 12 : 4 }, (_, i) => ({ value: String(i + 1), label: value.kind === 'MONTH' ? monthName(i) : t('indicators.quarterN', { n: i + 1 }) }))} />
      )}
    </Group>
  );
}
