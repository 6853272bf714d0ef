import type { TFunction } from 'i18next';

type Named = { name: string };
type CommunityLike = Named & { kind: string; region: Named & { katottgCode?: string } };
type Membership = { community?: CommunityLike | null; region?: Named | null };

const kyivCode = 'UA80000000000093317';

/**
 * "Вінницька" + CITY → "Вінницька міська громада" (the codifier keeps
 * adjectives). The name is an official Ukrainian one: the English UI shows it
 * as it is, not half-translated ("Вінницька city community").
 */
export function communityName(t: TFunction, c: CommunityLike & { katottgCode?: string }): string {
  if (c.katottgCode === kyivCode) return t('region.kyiv');
  return t(`communityKind.${c.kind}`, { name: c.name, lng: 'uk' });
}

/** "Вінницька область" in both languages (see communityName); Kyiv is translated. */
export function regionName(t: TFunction, r: Named & { katottgCode?: string }): string {
  if (r.katottgCode === kyivCode) return t('region.kyiv');
  return t('region.oblast', { name: r.name, lng: 'uk' });
}

/** Where a role holds: a community (with its region), a region, or the country. */
export function scopeName(t: TFunction, m: Membership): string {
  if (m.community) {
    const region = regionName(t, m.community.region);
    const name = communityName(t, m.community);
    return name === region ? name : `${name}, ${region}`;
  }
  if (m.region) return regionName(t, m.region);
  return t('region.country');
}

/**
 * The locale for words (month names, "3 days ago"): Ukrainian by default,
 * British English otherwise. Digits — dates, times, numbers — are written the
 * Ukrainian way in both languages (see digitsLocale).
 */
export function locale(lng: string): string {
  return lng === 'en' ? 'en-GB' : 'uk-UA';
}

/** Dates (31.12.2026), times (14:05) and numbers (4 800) follow Ukrainian usage in every UI language. */
export const digitsLocale = 'uk-UA';

const kyivZone = 'Europe/Kyiv';

/** 23.11.2026 (dates of birth and plan dates are days, not moments: shown as given). */
export function formatDate(lng: string, iso: string | null | undefined, dayOnly = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  void lng;
  return new Intl.DateTimeFormat(digitsLocale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: dayOnly ? 'UTC' : kyivZone }).format(d);
}

/** 23.11.2026, 14:05 in Kyiv time. */
export function formatDateTime(lng: string, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  void lng;
  return new Intl.DateTimeFormat(digitsLocale, {
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: kyivZone,
  }).format(d);
}

/** 4 800 (Ukrainian grouping in both languages). */
export function formatNumber(lng: string, n: number): string {
  void lng;
  return new Intl.NumberFormat(digitsLocale).format(n);
}

/**
 * A share (0.739) as per cent the Ukrainian way, «73,9 %»: a decimal comma
 * and a no-break space before the sign (Intl's uk-UA writes "73,9%"), in
 * both UI languages like every other figure.
 */
export function formatPercent(share: number, fractionDigits = 1): string {
  const parts = new Intl.NumberFormat(digitsLocale, { style: 'percent', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).formatToParts(share);
  return parts.map((x, i) => (x.type === 'percentSign' && !/\s$/.test(parts[i - 1]?.value ?? '') ? '\u00a0' + x.value : x.value)).join('');
}

/** An indicator's figure: shares in per cent, counts and averages as numbers; a suppressed one as the server shows it ("<5"). */
export function formatFigure(cell: { value?: number | null; display: string; suppressed: boolean }, unit: string): string {
  if (cell.suppressed || cell.value == null) return cell.display;
  return unit === 'SHARE' ? formatPercent(cell.value) : formatNumber('uk', Math.round(cell.value * 10) / 10);
}

/** A value drawn on a chart (shares already in per cent, 73.9), written like formatFigure. */
export function formatPlotted(v: number, unit: string): string {
  return unit === 'SHARE' ? formatPercent(v / 100) : formatNumber('uk', v);
}

/** Hryvnias: "4 800 грн" in Ukrainian, "UAH 4 800" in English (Ukrainian grouping in both). */
export function formatMoney(lng: string, n: number): string {
  const amount = new Intl.NumberFormat(digitsLocale, { maximumFractionDigits: 0 }).format(n);
  return lng === 'en' ? `UAH ${amount}` : `${amount} грн`;
}

const shortMonths: Record<'uk' | 'en', string[]> = {
  uk: ['січ', 'лют', 'бер', 'кві', 'тра', 'чер', 'лип', 'сер', 'вер', 'жов', 'лис', 'гру'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/**
 * The label of a period on a chart axis: "вер ’26" / "Sep ’26" for a month,
 * "II кв. 2026" / "Q2 2026" for a quarter, "2026" for a year — the same
 * three-letter months in every browser, in Kyiv time.
 */
export function periodLabel(lng: string, iso: string, kind: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'numeric', timeZone: kyivZone }).formatToParts(d);
  const year = parts.find((p) => p.type === 'year')!.value;
  const month = Number(parts.find((p) => p.type === 'month')!.value) - 1;
  if (kind === 'YEAR') return year;
  const m = shortMonths[lng === 'en' ? 'en' : 'uk'][month];
  const q = Math.floor(month / 3) + 1;
  if (kind === 'QUARTER') return lng === 'en' ? `Q${q} ${year}` : `${['I', 'II', 'III', 'IV'][q - 1]} кв. ${year}`;
  return `${m} \u2019${year.slice(2)}`;
}

/** "in 5 hours" / "3 days ago", in the UI language. */
export function relativeTime(lng: string, iso: string, now: Date = new Date()): string {
  const diff = new Date(iso).getTime() - now.getTime();
  const rtf = new Intl.RelativeTimeFormat(locale(lng), { numeric: 'auto' });
  const abs = Math.abs(diff);
  const minute = 60_000, hour = 60 * minute, day = 24 * hour;
  if (abs < hour) return rtf.format(Math.round(diff / minute), 'minute');
  if (abs < 2 * day) return rtf.format(Math.round(diff / hour), 'hour');
  return rtf.format(Math.round(diff / day), 'day');
}

type PersonLike = { lastName: string; firstName: string; patronymic?: string | null };

/** Прізвище Ім'я По батькові. */
export function personName(p: PersonLike): string {
  return [p.lastName, p.firstName, p.patronymic].filter(Boolean).join(' ');
}

/** 23.11.2015 (10 years): a date of birth with the age today; a dash where it is not known. */
export function birthDateWithAge(t: TFunction, lng: string, birthISO: string | null | undefined): string {
  const date = formatDate(lng, birthISO, true);
  return birthISO ? `${date} (${t('person.age', { count: age(birthISO) ?? 0 })})` : date;
}

/** Full years at a date. */
export function age(birthISO: string | null | undefined, at: Date = new Date()): number | null {
  if (!birthISO) return null;
  const b = new Date(birthISO);
  let years = at.getUTCFullYear() - b.getUTCFullYear();
  const m = at.getUTCMonth() - b.getUTCMonth();
  if (m < 0 || (m === 0 && at.getUTCDate() < b.getUTCDate())) years--;
  return years;
}

/** A case has no number of its own: it is named by its family, or its children. */
export function caseTitle(t: TFunction, c: { family?: { name: string } | null; children?: PersonLike[] | null }): string {
  if (c.family) return t('case.familyTitle', { name: c.family.name });
  const kids = (c.children ?? []).map((p) => `${p.lastName} ${p.firstName}`);
  return kids.length ? kids.join(', ') : t('case.untitled');
}

/** The short form of an ID for people to quote: the last 6 characters. */
export function shortID(id: string): string {
  return id.slice(-6);
}
