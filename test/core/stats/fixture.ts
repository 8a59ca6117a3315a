// A small bank whose statistics are known by hand: boundary dates, a withdrawn application, a learner in two
// courses, a row in a yearly archive spreadsheet.
import type { StatsSources } from '../../../src/core/stats/statistics';
import { aCourse, anApplication } from '../../builders';

export const Q3 = { from: new Date(2026, 6, 1), to: new Date(2026, 8, 30) };

const app = (n: number, course: string, created: Date, stage: string, over: Record<string, unknown> = {}) =>
  anApplication(n, { course, createdAt: created, stage, territory: 'perm', sex: 'женский', birthDate: new Date(1980, 0, 1), ...over });

export const sources = (): StatsSources => {
  const ledger = [
    app(1, 'A', new Date(2026, 6, 10), 'completed', { sex: 'мужской', birthDate: new Date(2000, 2, 1) }),
    app(2, 'A', new Date(2026, 6, 11), 'absent'),
    app(3, 'A', new Date(2026, 7, 1), 'rejected', { territory: 'kungursky' }),
    // Submitted before the period, completed inside it.
    app(4, 'A', new Date(2026, 5, 30, 23, 59), 'completed', { birthDate: new Date(2002, 5, 1) }),
    // The last evening of the period in Perm time counts; the first minutes after it do not.
    app(5, 'B', new Date(2026, 8, 30, 23, 0), 'waitlist'),
    app(6, 'B', new Date(2026, 9, 1, 0, 30), 'methodist'),
    app(7, 'A', new Date(2026, 6, 15), 'withdrawn'),
    // The same person as #1, in a second course.
    app(8, 'B', new Date(2026, 7, 5), 'group', { sex: 'мужской', personKey: 'snils:same' }),
  ];
  // A row already rolled over to a yearly archive spreadsheet: the caller merges those sources in.
  const rolled = app(9, 'A', new Date(2026, 6, 2), 'completed', { birthDate: new Date(1961, 0, 1) });
  const archive = [
    { ...ledger[0], outcome: 'completed', issueDate: new Date(2026, 8, 20) },
    { ...ledger[1], outcome: 'absent' },
    { ...ledger[3], outcome: 'completed', issueDate: new Date(2026, 6, 5) },
    { ...rolled, outcome: 'completed', issueDate: new Date(2026, 7, 1) },
  ];
  return {
    ledger: [...ledger, rolled],
    archive,
    courses: [aCourse('A', { subdivision: 'ОМ', hours: 36, form: 'очная' }), aCourse('B', { subdivision: 'ЦО', hours: 72, form: 'заочная с ДОТ' })],
    territories: [
      { code: 'perm', name: 'Пермский городской округ' },
      { code: 'kungursky', name: 'Кунгурский муниципальный округ' },
    ],
    quotas: [
      { course: 'A', territory: 'perm', places: 10 },
      { course: 'A', territory: 'kungursky', places: 2 },
    ],
  };
};
