import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/uk';
import 'dayjs/locale/en-gb';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { DateInput, DateTimePicker, DatesProvider, type DateInputProps, type DateTimePickerProps } from '@mantine/dates';
import '@mantine/dates/styles.css';

dayjs.extend(customParseFormat);

/** Dates in the UI language, weeks from Monday. */
export function Dates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en-gb' : 'uk', firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

function parseDay(value: string): string | null {
  const d = dayjs(value.trim(), ['DD.MM.YYYY', 'D.M.YYYY', 'YYYY-MM-DD'], true);
  return d.isValid() ? d.format('YYYY-MM-DD') : null;
}

/** A day typed as 31.12.2026 or picked from the calendar; the value is YYYY-MM-DD. */
export function DateField(props: DateInputProps) {
  const { t } = useTranslation();
  return <DateInput valueFormat="DD.MM.YYYY" dateParser={parseDay} placeholder={t('form.datePlaceholder')} clearable clearButtonProps={{ 'aria-label': t('form.clear') }} {...props} />;
}

/** A moment (date and time, local); the value is "YYYY-MM-DD HH:mm:ss". */
export function DateTimeField(props: DateTimePickerProps) {
  return <DateTimePicker valueFormat="DD.MM.YYYY HH:mm" {...props} />;
}

export const nowLocal = () => dayjs().format('YYYY-MM-DD HH:mm:ss');
export const todayLocal = () => dayjs().format('YYYY-MM-DD');
export const inDays = (n: number) => dayjs().add(n, 'day').format('YYYY-MM-DD');

/** A local date-time value of a picker as an instant for the API. */
export function toInstant(v: string | null | undefined): string | null {
  return v ? dayjs(v).toISOString() : null;
}

/** A day for a Date field of the API (birth date, a programme's days): YYYY-MM-DD. */
export function toDay(v: string | null | undefined): string | null {
  return v ? v.slice(0, 10) : null;
}

/** A day for a Time field of the API (an issue or review date): midnight UTC. */
export function dayToInstant(v: string | null | undefined): string | null {
  return v ? `${v.slice(0, 10)}T00:00:00Z` : null;
}
