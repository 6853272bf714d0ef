import { describe, expect, it } from 'vitest';
import { allowedLevels, defaultChoice, drillsDown, exportParams, isOverseer, oversightOf, toScope } from './scope';

const community = (id: string) => ({ role: 'CHILDREN_SERVICE' as const, community: { id, region: { id: 'RG1' } }, region: null });

describe('scope options', () => {
  it('offers a community worker only their communities', () => {
    const o = oversightOf([community('CM1'), community('CM2'), community('CM1')]);
    expect(o).toEqual({ communities: ['CM1', 'CM2'], regions: [], country: false });
    expect(allowedLevels(o)).toEqual(['community']);
    expect(defaultChoice(o)).toEqual({ level: 'community', id: 'CM1' });
    expect(isOverseer([community('CM1')])).toBe(false);
  });

  it('offers a regional supervisor the communities, districts and the region, starting with the region', () => {
    const m = [{ role: 'REGIONAL_SUPERVISOR' as const, community: null, region: { id: 'RG5' } }];
    const o = oversightOf(m);
    expect(allowedLevels(o)).toEqual(['community', 'district', 'region']);
    expect(defaultChoice(o)).toEqual({ level: 'region', id: 'RG5' });
    expect(isOverseer(m)).toBe(true);
    expect(drillsDown(o)).toBe(true);
  });

  it('offers a national analyst every level, the country first', () => {
    const o = oversightOf([{ role: 'NATIONAL_ANALYST' as const, community: null, region: null }]);
    expect(allowedLevels(o)).toEqual(['community', 'district', 'region', 'country']);
    expect(defaultChoice(o)).toEqual({ level: 'country', id: '' });
    expect(drillsDown(o)).toBe(false);
  });

  it('turns a choice into the API scope', () => {
    expect(toScope({ level: 'community', id: 'CM1' })).toEqual({ communityID: 'CM1' });
    expect(toScope({ level: 'district', id: 'DS1' })).toEqual({ districtID: 'DS1' });
    expect(toScope({ level: 'region', id: 'RG1' })).toEqual({ regionID: 'RG1' });
    expect(toScope({ level: 'country', id: '' })).toEqual({});
  });

  it('exports the same scope and period as the screen', () => {
    expect(exportParams({ regionID: 'RG1' }, { kind: 'QUARTER', year: 2026, number: 3 }, 'en').toString())
      .toBe('period=quarter&year=2026&number=3&lang=en&regionID=RG1');
    expect(exportParams({ districtID: 'DS1' }, { kind: 'YEAR', year: 2025, number: null }, 'uk').toString())
      .toBe('period=year&year=2025&number=1&lang=uk&districtID=DS1');
  });
});
