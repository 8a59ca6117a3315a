// Statistics against a hand-computed fixture: a small bank whose numbers are known, with the edge cases.

import { AGE_BANDS, ageAt, ageBand, hoursBand } from '../../../src/core/stats/dimensions';
import { buildReport, PIVOTS, pivotRows } from '../../../src/core/stats/report';
import { funnel, onePk, quotaUse, statsRows } from '../../../src/core/stats/statistics';
import { type Figures, figuresOf, figuresRows } from '../../../src/core/use-cases/statistics';

import { anApplication } from '../../builders';
import { Q3, sources } from './fixture';

describe('statistics of a reporting period', () => {
  it('counts the funnel per course by hand-computed figures, boundary cases included', () => {
    const rows = statsRows(sources(), Q3, null);
    expect(rows.map((r) => r.id).sort()).toEqual([
      '2026-000001',
      '2026-000002',
      '2026-000003',
      '2026-000004',
      '2026-000005',
      '2026-000007',
      '2026-000008',
      '2026-000009',
    ]);
    expect(funnel(rows)).toEqual([
      {
        course: 'A',
        title: 'Курс A',
        submitted: 5,
        sent: 3,
        grouped: 2,
        completed: 3,
        rejected: 1,
        waitlist: 0,
        absent: 1,
        rejectionRate: 20,
        noShowRate: 33.3,
      },
      { course: 'B', title: 'Курс B', submitted: 2, sent: 1, grouped: 1, completed: 0, rejected: 0, waitlist: 1, absent: 0, rejectionRate: 0, noShowRate: 0 },
    ]);
  });

  it('breaks completions down as 1-ПК does (age in full years at 1 January of the next year)', () => {
    const pk = onePk(statsRows(sources(), Q3, null));
    expect(pk.sex).toEqual({ мужской: 1, женский: 2 });
    expect(pk.ageBand).toEqual({ '25–29': 1, 'моложе 25': 1, '65 и старше': 1 });
    expect(pk.programType).toEqual({ 'повышение квалификации': 3 });
    expect(pk.distance).toEqual({ нет: 3 });
    expect(pk.positionCategory).toEqual({ 'педагогические работники': 3 });
  });

  it('compares quota given and used per territory', () => {
    const s = sources();
    expect(quotaUse(s, statsRows(s, Q3, null))).toEqual([
      { territory: 'Кунгурский муниципальный округ', given: 2, used: 0 },
      { territory: 'Пермский городской округ', given: 10, used: 3 },
    ]);
  });

  it('limits figures to one subdivision', () => {
    const rows = statsRows(sources(), Q3, 'ЦО');
    expect(funnel(rows).map((f) => f.course)).toEqual(['B']);
  });

  it('bands hours and ages at their edges', () => {
    expect([16, 35, 36, 71, 72, 249, 250].map(hoursBand)).toEqual(['16–35', '16–35', '36–71', '36–71', '72–249', '72–249', '250+']);
    expect(ageAt(new Date(2002, 0, 1), new Date(2026, 11, 31))).toBe(25);
    expect(ageAt(new Date(2002, 0, 2), new Date(2026, 11, 31))).toBe(24);
    expect([24, 25, 29, 30, 64, 65].map(ageBand)).toEqual(['моложе 25', '25–29', '25–29', '30–34', '60–64', '65 и старше']);
  });
});

describe('the report', () => {
  it('lists age bands in their natural order, other dimensions by name', () => {
    const rows = statsRows(sources(), Q3, null);
    const report = buildReport([], funnel(rows), quotaUse(sources(), rows), rows);
    const age = report.blocks.find((b) => b.title === '1-ПК: возраст');
    const bands = (age?.rows ?? []).map((r) => r[0] as string);
    expect(bands.length).toBeGreaterThan(1);
    expect(bands).toEqual(AGE_BANDS.filter((b) => bands.includes(b)));
    const sex = report.blocks.find((b) => b.title === '1-ПК: пол')?.rows.map((r) => r[0]);
    expect(sex).toEqual([...(sex ?? [])].sort((a, b) => String(a).localeCompare(String(b), 'ru')));
  });
});

describe('the pivot tables’ data', () => {
  it('collapses applications with the same grouping columns into one row whose counts sum to theirs, for every pivot', () => {
    // Many applications, few combinations: the fixture's eight repeated across territories.
    const base = statsRows(sources(), Q3, null);
    const rows = Array.from({ length: 50 }, (_, i) => base.map((r) => ({ ...r, id: `${r.id}-${i}`, territory: i % 2 ? 'Кунгур' : 'Пермь' }))).flat();
    const data = pivotRows(rows);
    expect(data.length).toBeLessThan(rows.length / 10);
    const sumBy = (list: ReadonlyArray<Record<string, unknown>>, key: string, value: string) => {
      const m: Record<string, number> = {};
      for (const r of list) m[String(r[key])] = (m[String(r[key])] ?? 0) + Number(r[value]);
      return m;
    };
    for (const p of PIVOTS) for (const v of p.valueKeys) expect(sumBy(data, p.rowKey, v)).toEqual(sumBy(rows, p.rowKey, v));
  });
});

describe('«направлено»', () => {
  it('counts an application sent on to the provider and withdrawn there later, and not one withdrawn before it was sent', () => {
    const s = sources();
    const withdrawn = (n: number, sentAt: Date | '') =>
      anApplication(n, { course: 'B', createdAt: new Date(2026, 7, 10), stage: 'withdrawn', territory: 'perm', sentAt });
    const rows = statsRows({ ...s, ledger: [...s.ledger, withdrawn(20, new Date(2026, 7, 12)), withdrawn(21, '')] }, Q3, null);
    const b = funnel(rows).find((l) => l.course === 'B');
    // Course B had one application sent on (#8, in a group); #20 was sent and withdrawn at the provider.
    expect(b).toMatchObject({ submitted: 4, sent: 2 });
  });
});

describe('the figures as a sheet’s rows (the cabinet’s «Статистика за период»)', () => {
  it('come back whole from their rows, and read in words as they stand', () => {
    const s = sources();
    const rows = statsRows(s, Q3, null);
    const figures: Figures = {
      period: '01.07.2026–30.09.2026',
      subdivision: 'ОМ',
      funnel: funnel(rows),
      quotas: quotaUse(s, rows),
      onePk: onePk(rows),
      totals: { submitted: 7, grouped: 3, completed: 3 },
    };
    expect(figures.quotas.length).toBeGreaterThan(0);
    const sheet = figuresRows(figures, 'lead@iro.perm.ru, 05.10.2026 10:00');
    expect(figuresOf(sheet)).toEqual({ figures, asked: 'lead@iro.perm.ru, 05.10.2026 10:00' });
    expect(sheet).toContainEqual(
      expect.objectContaining({ section: 'Воронка по курсам', item: 'A', label: 'Курс A', measure: 'доля неявки, %', value: '33.3' }),
    );
    expect(sheet).toContainEqual(expect.objectContaining({ section: '1-ПК: пол', item: 'мужской', measure: 'завершили' }));
    // A sheet with no report (never asked for, or cleared by hand) is no report.
    expect(figuresOf([])).toBeNull();
  });
});
