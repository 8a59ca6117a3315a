// A course's whole life through build/Code.js on the calendar the test sets (test/clock.ts): `npm run test:calendar`
// runs it at a year-end, a 1 January and a summer day, where application numbers, group numbers, certificate numbers
// and periods change year.
import { ARCHIVE, GROUPS, LEDGER } from '../../src/core/sheets/master';
import { dayAfter, isoOf, TEST_NOW } from '../clock';
import { decideAll, fire } from './bank-fixture';
import { formAnswers } from './form-answers';
import { callAs, courseInput, staffBank } from './staff-fixture';

describe(`a course's life through build/Code.js on ${isoOf(TEST_NOW)}`, () => {
  it('publishes, takes applications, forms, completes and archives the group, and reports the period, all on the set calendar', () => {
    const b = staffBank();
    b.gas.Clock.at = TEST_NOW.getTime();
    // A course a week from "today", five days long: across the new year when today is 31 December.
    const start = dayAfter(7);
    const end = dayAfter(11);
    const saved = callAs(b, 'leader', 'saveCourse', courseInput({ startDate: isoOf(start), endDate: isoOf(end) }));
    expect(saved).toMatchObject({ ok: true, value: { code: 'ОМ-10' } });
    expect(callAs(b, 'leader', 'setEnrolment', { code: 'ОМ-10', state: 'открыт' }).ok).toBe(true);
    fire(b, 'runJob_');
    const form = [...b.gas.FormApp.forms.values()][0];
    const label = form.item('Курс').choices.find((c: string) => c.startsWith('ОМ-10 — ')) as string;
    expect(label).toBe(`ОМ-10 — Проектная деятельность в школе (${isoOf(start).split('-').reverse().join('.')}–${isoOf(end).split('-').reverse().join('.')})`);

    // Teachers apply today: their numbers carry today's year.
    b.gas.SpreadsheetApp.uiAvailable = false;
    for (let n = 1; n <= 4; n++) fire(b, 'onFormSubmit_', b.gas.FormApp.submit(form, formAnswers(n, label)));
    const year = TEST_NOW.getFullYear();
    const ids = b.master
      .table(LEDGER)
      .read()
      .map((r) => String(r.id));
    expect(ids).toEqual([1, 2, 3, 4].map((n) => `${year}-00000${n}`));
    fire(b, 'runJob_');
    decideAll(b, 'Направить поставщику');
    fire(b, 'runJob_');
    expect(callAs(b, 'leader', 'getAttendance', { code: 'ОМ-10' }).value.rows).toHaveLength(4);

    // Before the first day the group cannot be formed; on it, it is, numbered by the course's year.
    const present = ids.slice(0, 3);
    expect(callAs(b, 'leader', 'formGroup', { code: 'ОМ-10', present }).ok).toBe(false);
    b.gas.Clock.at = dayAfter(7, 10).getTime();
    const group = `ОМ-10-${start.getFullYear()}-01`;
    expect(callAs(b, 'leader', 'formGroup', { code: 'ОМ-10', present })).toMatchObject({ ok: true, value: { group, enrolled: 3, absent: 1 } });

    // The last day: completed, certificates numbered by the year they are issued in, then archived.
    b.gas.Clock.at = dayAfter(11, 16).getTime();
    const outcomes = present.map((id) => ({ id, outcome: 'completed', reason: '' }));
    const done = callAs(b, 'leader', 'completeGroup', { group, outcomes });
    expect(done).toMatchObject({ ok: true, value: { completed: 3 } });
    const issueYear = end.getFullYear();
    expect(done.value.numbers).toEqual([1, 2, 3].map((n) => `${issueYear}/0000${n}`));
    expect(callAs(b, 'leader', 'archiveGroup', { group })).toMatchObject({ ok: true, value: { archived: 3 } });
    expect(b.master.table(GROUPS).read()).toEqual([]);
    const archive = b.master.table(ARCHIVE).read();
    expect(archive.filter((a) => a.outcome === 'completed').map((a) => [a.group, a.regNumber])).toEqual([1, 2, 3].map((n) => [group, `${issueYear}/0000${n}`]));

    // The period around it counts every step, and the registry export of the issue year lists the three certificates.
    const stats = callAs(b, 'sector', 'getStatistics', { from: isoOf(dayAfter(-1)), to: isoOf(dayAfter(30)), subdivision: '' });
    expect(stats.value.totals).toMatchObject({ submitted: 4, grouped: 3, completed: 3 });
    const frdo = callAs(b, 'sector', 'exportFrdo', { from: `${issueYear}-01-01`, to: `${issueYear}-12-31`, subdivision: '' });
    expect(frdo.value).toMatchObject({ exported: 3, problems: [] });
  });
});
