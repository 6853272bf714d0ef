import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { eventDetail } from './eventText';

const children = [{ id: 'P1', lastName: 'Коваль', firstName: 'Марко', patronymic: null }];

describe('timeline entries in words', () => {
  it('names the codes the server keeps in notes, in Ukrainian', async () => {
    await i18n.changeLanguage('uk');
    const t = i18n.t;
    expect(eventDetail(t, 'APPROVAL_REQUESTED', 'CLOSURE')).toBe('Закриття випадку');
    expect(eventDetail(t, 'APPROVED', 'PLAN')).toBe('Версія індивідуального плану');
    expect(eventDetail(t, 'ACTIVITY_RECORDED', 'HOME_VISIT')).toBe('Візит додому');
    expect(eventDetail(t, 'DECIDED', 'PROVIDE_SERVICES 12/3')).toBe('Надати соціальні послуги, № 12/3');
    expect(eventDetail(t, 'CHILD_PLACED', 'KIN_CARE P1', children)).toBe('У родичів (родинний догляд), Коваль Марко');
    expect(eventDetail(t, 'MANAGER_CHANGED', 'assigned')).toBe('Призначено менеджера випадку');
    expect(eventDetail(t, 'MANAGER_CHANGED', 'assigned: відпустка')).toBe('Призначено менеджера випадку, відпустка');
    expect(eventDetail(t, 'SAFETY_ASSESSED', 'DANGER_PRESENT')).toBe('Є небезпека');
    expect(eventDetail(t, 'CONSENT_WITHDRAWN', 'revoked 2; kept: [MANAGER]')).toBe('Припинено 2 доступи до випадку');
    expect(eventDetail(t, 'TEAM_CHANGED', '+ психолог')).toBe('До команди долучено: психолог');
  });

  it('passes free text through and never shows an unknown code', async () => {
    await i18n.changeLanguage('uk');
    expect(eventDetail(i18n.t, 'STATUS_CHANGED', 'Мету досягнуто, сім\'я впорається сама')).toBe('Мету досягнуто, сім\'я впорається сама');
    expect(eventDetail(i18n.t, 'STATUS_CHANGED', 'SOME_FUTURE_CODE')).toBe('');
    expect(eventDetail(i18n.t, 'APPROVED', 'SOME_FUTURE_KIND')).toBe('');
  });

  it('speaks English as the second language', async () => {
    await i18n.changeLanguage('en');
    expect(eventDetail(i18n.t, 'ACTIVITY_RECORDED', 'HOME_VISIT')).not.toBe('HOME_VISIT');
    expect(eventDetail(i18n.t, 'MANAGER_CHANGED', 'cleared')).toBe('Case manager removed');
  });
});
