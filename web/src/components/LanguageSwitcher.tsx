import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('lang.label')}
      value={i18n.language}
      onChange={(v) => setLanguage(v as Language)}
      data={[
        { value: 'uk', label: t('lang.uk') },
        { value: 'en', label: t('lang.en') },
      ]}
    />
  );
}
