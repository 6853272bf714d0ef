import { useTranslation } from 'react-i18next';
import { Button, Group } from '@mantine/core';

/**
 * Download links of one of the server's export tables (/exports/{table}.csv
 * or .xlsx) with the same scope and parameters as the screen; the server
 * applies the same permissions and suppression, and logs the export.
 */
export function ExportLinks({ table, params, what }: { table: string; params: Record<string, string | number | null | undefined>; what: string }) {
  const { t, i18n } = useTranslation();
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') q.set(k, String(v));
  q.set('lang', i18n.language === 'en' ? 'en' : 'uk');
  return (
    <Group gap="xs" wrap="nowrap">
      <Button component="a" variant="default" size="xs" href={`/exports/${table}.csv?${q}`} download aria-label={t('export.csv', { what })}>CSV</Button>
      <Button component="a" variant="default" size="xs" href={`/exports/${table}.xlsx?${q}`} download aria-label={t('export.xlsx', { what })}>XLSX</Button>
    </Group>
  );
}
