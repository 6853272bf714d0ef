import type { TFunction } from 'i18next';

type Named = { name: string };
type CommunityLike = Named & { kind: string; region: Named & { katottgCode?: string } };
type Membership = { community?: CommunityLike | null; region?: Named | null };

const kyivCode = 'UA80000000000093317';

/** "Вінницька" + CITY → "Вінницька міська громада" (the codifier keeps adjectives). */
export function communityName(t: TFunction, c: CommunityLike & { katottgCode?: string }): string {
  if (c.katottgCode === kyivCode) return t('region.kyiv');
  return t(`communityKind.${c.kind}`, { name: c.name });
}

export function regionName(t: TFunction, r: Named & { katottgCode?: string }): string {
  if (r.katottgCode === kyivCode) return t('region.kyiv');
  return t('region.oblast', { name: r.name });
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

/** The locale for dates and numbers: Ukrainian by default, British English otherwise. */
export function locale(lng: string): string {
  return lng === 'en' ? 'en-GB' : 'uk-UA';
}

const kyivZone = 'Europe/Kyiv';

/** 23.11.2026 (dates of birth and plan dates are days, not moments: shown as given). */
export function formatDate(lng: string, iso: string | null | undefined, dayOnly = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lng), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: dayOnly ? 'UTC' : kyivZone }).format(d);
}

/** 23.11.2026, 14:05 in Kyiv time. */
export function formatDateTime(lng: string, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lng), {
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: kyivZone,
  }).format(d);
}

export function formatNumber(lng: string, n: number): string {
  return new Intl.NumberFormat(locale(lng)).format(n);
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
