import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** What each page is called in the browser's tab and history (i18n keys), so no two sections read «Турбота». */
export const pageTitleKeys: Record<string, string> = {
  home: 'nav.home', totp: 'pageTitle.totp', account: 'account.title', report: 'nav.newReport', reports: 'nav.reports', cases: 'nav.cases', tasks: 'nav.tasks',
  caseload: 'nav.caseload', team: 'nav.team', case: 'pageTitle.case', referrals: 'nav.referrals', transfers: 'nav.transfers', approvals: 'nav.approvals',
  people: 'nav.people', family: 'pageTitle.family', person: 'pageTitle.person', register: 'nav.register', parentalCare: 'nav.parentalCare',
  commission: 'nav.commission', notifications: 'nav.notifications', admin: 'nav.admin', audit: 'nav.audit', indicators: 'nav.indicators',
  serviceMap: 'nav.serviceMap', oversightCases: 'nav.oversightCases', emergencyAccesses: 'nav.emergency', vouchers: 'nav.vouchers',
  voucherProgramme: 'pageTitle.voucherProgramme', login: 'pageTitle.login',
  forgotPassword: 'reset.forgotTitle', resetPassword: 'reset.title',
  workforce: 'workforce.register', staffPosition: 'workforce.trainingRecord', training: 'workforce.calendar',
  groups: 'nav.groups', group: 'pageTitle.group', groupMinutes: 'pageTitle.groupMinutes',
  supervision: 'nav.supervision',
};

/** «Випадки — Турбота»: the page's name first, in the viewer's language. */
export function pageTitle(t: (k: string) => string, page: string): string {
  const key = pageTitleKeys[page];
  return key ? `${t(key)} — ${t('app.name')}` : t('app.name');
}

/** Sets document.title for the page shown, again when the language changes. */
export function usePageTitle(page: string) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = pageTitle(t, page);
  }, [t, i18n.language, page]);
}
