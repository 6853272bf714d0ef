import { useTranslation } from 'react-i18next';
import { Button, Group } from '@mantine/core';

/** The buttons of an edit form: submit (labelled `saveLabel`, "Save" by default), then cancel. */
export function SaveOrCancel({ loading, onCancel, saveLabel }: { loading: boolean; onCancel: () => void; saveLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button type="submit" loading={loading}>{saveLabel ?? t('form.save')}</Button>
      <Button variant="default" onClick={onCancel}>{t('form.cancel')}</Button>
    </Group>
  );
}
