import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@mantine/core';
import { drafts } from './index';

/** Whether the browser has a connection, as it says (online/offline events). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => { window.removeEventListener('online', on); window.removeEventListener('offline', off); };
  }, []);
  return online;
}

/** Sends the user's saved drafts when the app starts and whenever the connection returns. */
export function useDraftSync(userID: string | undefined) {
  const online = useOnline();
  useEffect(() => {
    if (userID && online) void drafts.flushAll(userID).catch(() => undefined);
  }, [userID, online]);
  return online;
}

/** Says, while there is no connection, that work is kept on the device. */
export function OfflineNotice() {
  const { t } = useTranslation();
  const online = useOnline();
  if (online) return null;
  return <Alert color="yellow" role="status" mb="sm" className="no-print">{t('drafts.offline')}</Alert>;
}
