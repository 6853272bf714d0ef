import { notifications, type NotificationData } from '@mantine/notifications';
import i18n from './i18n';

/** A short message after a step; its close button is named for screen readers. */
export function notify(data: NotificationData) {
  notifications.show({ autoClose: 6000, ...data, closeButtonProps: { 'aria-label': i18n.t('form.close') } });
}
