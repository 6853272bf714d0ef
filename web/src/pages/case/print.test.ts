import { describe, expect, it } from 'vitest';
import { findingsByChild } from './SafetyTab';

describe('findingsByChild', () => {
  it('lists every child of the case with its finding, or none, then findings about others', () => {
    const kids = [{ id: 'P1', lastName: 'Вербенко', firstName: 'Леся' }, { id: 'P2', lastName: 'Вербенко', firstName: 'Ярема' }];
    const out = findingsByChild(kids, [{ personID: 'P2', finding: ' Синці на руках ' }, { personID: 'P9', finding: 'Інша особа' }]);
    expect(out.map((f) => [f.personID, f.child?.firstName ?? null, f.finding])).toEqual([
      ['P1', 'Леся', ''], ['P2', 'Ярема', 'Синці на руках'], ['P9', null, 'Інша особа'],
    ]);
  });
});
