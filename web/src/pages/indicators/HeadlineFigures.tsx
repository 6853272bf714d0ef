import { useTranslation } from 'react-i18next';
import { Badge, Card, SimpleGrid, Text, Title } from '@mantine/core';
import type { Cell, Definition } from './queries';
import { langOf } from './labels';
import { formatFigure } from '../../format';

/** The scope's totals, each figure with its definition next to it. */
export function HeadlineFigures({ defs, total }: { defs: Definition[]; total: Cell[] }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const plain = defs.filter((d) => !d.breakdown);
  return (
    <section aria-labelledby="headline-h">
      <Title order={2} size="h4" id="headline-h" mb="xs">{t('indicators.totals')}</Title>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="sm" component="ul" className="plain-list">
        {plain.map((d) => {
          const cell = total.find((c) => c.key === d.key && !c.part);
          return (
            <Card key={d.key} withBorder padding="sm" component="li" data-indicator={d.key}>
              <Text size="sm" fw={600} id={`fig-${d.key}`}>{d.name[lang]}</Text>
              <Text component="div" fz={28} fw={700} lh={1.2} style={{ overflowWrap: "anywhere" }} aria-describedby={`def-${d.key}`} data-testid={`figure-${d.key}`}>
                {cell ? formatFigure(cell, d.unit) : '—'}
                {cell?.suppressed && <Badge ml="xs" size="sm" variant="light" color="gray" style={{ textTransform: 'none', verticalAlign: 'middle' }}>{t('indicators.suppressed')}</Badge>}
              </Text>
              <Text size="xs" c="dimmed" id={`def-${d.key}`}>{d.description[lang]}</Text>
            </Card>
          );
        })}
      </SimpleGrid>
    </section>
  );
}
