import { useTranslation } from 'react-i18next';
import { Group, NativeSelect, Select } from '@mantine/core';
import { allowedLevels, type ScopeChoice, type ScopeLevel } from './scope';
import type { Places } from './places';

/**
 * Chooses the territory: the level (community, district, region, country, as
 * the viewer's roles allow), then which one. A national analyst picks the
 * region first to choose among its districts and communities.
 */
export function ScopePicker({ places, value, onChange, contextRegion, onContextRegion }: {
  places: Places;
  value: ScopeChoice;
  onChange: (c: ScopeChoice) => void;
  contextRegion: string | null;
  onContextRegion: (id: string) => void;
}) {
  const { t } = useTranslation();
  const levels = allowedLevels(places.oversight);
  const inRegion = (o: { regionID?: string }) => !places.oversight.country || o.regionID === contextRegion;
  const optionsFor = (level: ScopeLevel) => {
    if (level === 'community') return places.communities.filter(inRegion);
    if (level === 'district') return places.districts.filter(inRegion);
    if (level === 'region') return places.regions;
    return [];
  };
  const options = optionsFor(value.level);
  const setLevel = (level: ScopeLevel) => {
    const first = level === 'region' ? (contextRegion && places.oversight.country ? contextRegion : places.regions[0]?.value) : optionsFor(level)[0]?.value;
    onChange({ level, id: level === 'country' ? '' : (first ?? '') });
  };
  const needsRegion = places.oversight.country && (value.level === 'community' || value.level === 'district');
  return (
    <Group align="flex-end" wrap="wrap" gap="sm">
      {levels.length > 1 && (
        <NativeSelect label={t('indicators.level')} value={value.level} onChange={(e) => setLevel(e.currentTarget.value as ScopeLevel)}
          data={levels.map((l) => ({ value: l, label: t(`indicators.levels.${l}`) }))} />
      )}
      {needsRegion && (
        <Select label={t('indicators.levels.region')} value={contextRegion} searchable allowDeselect={false} w={240}
          onChange={(v) => v && onContextRegion(v)} data={places.regions} nothingFoundMessage={t('indicators.nothingFound')} />
      )}
      {value.level !== 'country' && (
        <Select label={t(`indicators.which.${value.level}`)} value={value.id || null} searchable allowDeselect={false} w={300} maw="100%"
          onChange={(v) => v && onChange({ level: value.level, id: v })} data={options} nothingFoundMessage={t('indicators.nothingFound')} />
      )}
    </Group>
  );
}
