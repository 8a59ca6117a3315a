// Capacity in sight (issue 16): leaders see sent and enrolled applications against the course's places, with a warning
// before the places run out — not first when «Сформировать группу» refuses.
import { LEDGER } from '../../src/core/sheets/master';
import { capacityWarning, courseOverview } from '../../src/core/use-cases/courses';
import { attendance } from '../../src/core/use-cases/groups';
import { aCourse, anApplication, memoryBank } from '../builders';

const leader = { email: 'lead@iro.perm.ru', role: 'leader' as const, scope: 'ОМ', name: '' };

describe('capacity warnings', () => {
  it('says nothing while quotas cannot exceed the places, warns when they could, when the course is full and when over it', () => {
    expect(capacityWarning(25, 10, 15)).toBe('');
    expect(capacityWarning(25, 10, 16)).toBe('Квоты позволяют направить ещё 16, а свободных мест 15: уменьшите квоты или предупредите методистов.');
    expect(capacityWarning(25, 25, 0)).toBe('Мест больше нет: направлено 25 из 25.');
    expect(capacityWarning(25, 26, 0)).toBe('Направлено 26 при вместимости 25: в группу войдут не больше 25.');
  });

  it('the leader’s overview and the attendance view carry it', () => {
    const b = memoryBank({ courses: [aCourse('ОМ-01', { capacity: 3 })], quotas: [{ course: 'ОМ-01', territory: 'perm', places: 5 }] });
    b.master.table(LEDGER).append([1, 2, 3, 4].map((n) => anApplication(n, { stage: 'provider' })));
    const [c] = courseOverview(b.master, leader);
    expect(c).toMatchObject({ atProvider: 4, capacity: 3, capacityWarning: 'Направлено 4 при вместимости 3: в группу войдут не больше 3.' });
    const a = attendance(b.master, leader, 'ОМ-01', b.clock.now());
    expect(a.ok && a.value.capacity).toBe(3);
  });
});
