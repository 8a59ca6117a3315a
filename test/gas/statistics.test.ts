// «Обновить статистику» through build/Code.js: the data sheet, the computed blocks, real pivot tables and charts.
import { ARCHIVE, COURSES, LEDGER, QUOTAS, SETTINGS } from '../../src/core/sheets/master';
import { PIVOT_DATA, PIVOTS, STATS_DATA } from '../../src/core/stats/report';
import { anApplication } from '../builders';
import { sources } from '../core/stats/fixture';
import type { GasBank } from './bank-fixture';
import { callAs, MASTER_EDITORS, staffBank } from './staff-fixture';

const load = (extraArchived = 0) => {
  const b = staffBank();
  const s = sources();
  const rolled = s.ledger[s.ledger.length - 1];
  b.master.table(COURSES).append(s.courses.map((c) => ({ ...c, code: c.code, enrolment: 'открыт' })));
  b.master.table(QUOTAS).append(s.quotas);
  const old = Array.from({ length: extraArchived }, (_, i) =>
    anApplication(400000 + i, { stage: 'completed', course: 'ОМ-02', createdAt: new Date(2025, 0, 5) }),
  );
  b.master.table(LEDGER).append([...s.ledger.filter((r) => r !== rolled), ...old]);
  b.master
    .table(ARCHIVE)
    .append([...s.archive.filter((a) => a.id !== rolled.id), ...old.map((a) => ({ ...a, outcome: 'completed', issueDate: new Date(2025, 1, 1) }))]);
  // The row that already lives in a yearly archive spreadsheet.
  const yearly = b.books.create('ЕБППК — Архив 2025', [ARCHIVE, LEDGER]);
  yearly.table(LEDGER).append([rolled]);
  yearly.table(ARCHIVE).append(s.archive.filter((a) => a.id === rolled.id));
  b.master.table(SETTINGS).append([{ key: 'archive.2025', value: yearly.id }]);
  // Before cabinets, a leader's statistics open the yearly archive as the leader: it must be shared like the master.
  b.gas.SpreadsheetApp.files.get(yearly.id)?.editors.push(...MASTER_EDITORS);
  return b;
};

describe('statistics through build/Code.js', () => {
  it('rebuilds «Статистика» with the fixture’s numbers, pivot tables over the hidden data sheet, and two charts', () => {
    const b = load();
    const r = callAs(b, 'sector', 'refreshStatistics', { from: '2026-07-01', to: '2026-09-30', subdivision: '' });
    expect(r.ok).toBe(true);
    expect(r.value.totals).toEqual({ submitted: 7, grouped: 3, completed: 3 });
    const data = b.ss.sheet(PIVOT_DATA.name);
    expect(data.hidden).toBe(true);
    // Only the columns the pivot tables use (issue 19): 11 of the 27 the offline report carries, one row per combination
    // of the columns they group by (the counts summed, as the tables sum them): fewer rows than the 8 applications, the
    // same totals.
    const dump = data.dump();
    expect(dump[0]).toHaveLength(11);
    expect(dump.length).toBeLessThan(9);
    const total = (header: string) => dump.slice(1).reduce((n, row) => n + Number(row[dump[0].indexOf(header)]), 0);
    expect([total('Подано'), total('В группе'), total('Завершили')]).toEqual([7, 3, 3]);
    const dims = PIVOT_DATA.columns.filter((c) => c.type !== 'number').map((c) => dump[0].indexOf(c.header));
    const combos = dump.slice(1).map((row) => dims.map((i) => row[i]).join('|'));
    expect(new Set(combos).size).toBe(combos.length);
    expect(PIVOT_DATA.columns.length).toBeLessThan(STATS_DATA.columns.length / 2);
    const sheet = b.ss.sheet('Статистика');
    const cells = sheet.dump();
    const funnelAt = cells.findIndex((row) => row[0] === 'Воронка по курсам');
    expect(cells.slice(funnelAt + 2, funnelAt + 4).map((row) => row.slice(0, 11))).toEqual([
      ['A', 'Курс A', 5, 3, 2, 3, 1, 0, 1, 20, 33.3],
      ['B', 'Курс B', 2, 1, 1, 0, 0, 1, 0, 0, 0],
    ]);
    const sexAt = cells.findIndex((row) => row[0] === '1-ПК: пол');
    expect(cells.slice(sexAt + 2, sexAt + 4).map((row) => row.slice(0, 2))).toEqual([
      ['женский', 2],
      ['мужской', 1],
    ]);
    expect(sheet.pivotTables).toHaveLength(PIVOTS.length);
    const col = (key: string) => PIVOT_DATA.columns.findIndex((c) => c.key === key) + 1;
    expect(sheet.pivotTables.map((p) => p.rowGroups[0])).toEqual(PIVOTS.map((p) => col(p.rowKey)));
    expect(sheet.pivotTables[0].source.sheet).toBe(data);
    expect(sheet.pivotTables[0].source.getNumRows()).toBe(dump.length);
    expect(sheet.charts.map((c) => c.options.title)).toEqual(['Завершили обучение по месяцам', 'Территории: подано и завершили']);
    expect(sheet.formulas()).toEqual([]);
  });

  it('defines the pivot tables, their titles and both charts in one Sheets API request — the same as SpreadsheetApp makes without it', () => {
    const layout = (b: GasBank) => {
      const sheet = b.ss.sheet('Статистика');
      return {
        pivots: sheet.pivotTables.map((p) => ({
          at: [p.anchor.row, p.anchor.col],
          title: sheet.dump()[0][p.anchor.col - 1],
          rowGroups: p.rowGroups,
          values: p.values.map((v) => [v.column, String(v.fn), v.name]),
          source: [p.source.sheet.name, p.source.row, p.source.col, p.source.getNumRows(), p.source.getNumColumns()],
        })),
        // A chart's columns, whether given as one two-column range or a domain and a series.
        charts: sheet.charts.map((c) => ({
          type: c.type,
          title: c.options.title,
          row: c.row,
          columns: c.ranges.flatMap((r) => Array.from({ length: r.cols }, (_, k) => `${r.row}:${r.col + k}:${r.rows}`)),
        })),
      };
    };
    const refresh = (b: GasBank) => {
      b.gas.calls.reset();
      expect(callAs(b, 'sector', 'refreshStatistics', { from: '2026-07-01', to: '2026-09-30', subdivision: '' }).ok).toBe(true);
    };
    const viaApi = load();
    viaApi.gas.Sheets.batches.length = 0;
    refresh(viaApi);
    // The data sheet is rewritten in a request of its own; the pivots, titles and charts all go in one other.
    const layoutBatches = viaApi.gas.Sheets.batches.filter((kinds) => kinds.includes('addChart'));
    expect(layoutBatches).toHaveLength(1);
    expect(layoutBatches[0].filter((k) => k === 'updateCells').length).toBeGreaterThanOrEqual(PIVOTS.length);
    expect(viaApi.gas.calls.of('Range.createPivotTable')).toBe(0);
    expect(viaApi.gas.calls.of('Sheet.insertChart')).toBe(0);
    const without = load();
    delete without.code.Sheets;
    refresh(without);
    expect(without.gas.calls.of('Range.createPivotTable')).toBe(PIVOTS.length);
    expect(layout(viaApi)).toEqual(layout(without));
    // A Sheets service that refuses the request (an older or partial one): the same through SpreadsheetApp.
    const refusing = load();
    refusing.code.Sheets = {
      Spreadsheets: {
        batchUpdate: () => {
          throw new Error('Invalid requests[0]: unsupported');
        },
      },
    };
    refresh(refusing);
    expect(layout(refusing)).toEqual(layout(viaApi));
    expect(layout(viaApi).pivots[0]).toMatchObject({
      title: PIVOTS[0].title,
      values: [[expect.any(Number), 'SUM', 'Подано'], expect.anything(), expect.anything()],
    });
  });

  it('refreshing over 20,000 archived applications costs the same calls as over 1,000', () => {
    const cost = (n: number) => {
      const b = load(n);
      b.gas.calls.reset();
      expect(callAs(b, 'sector', 'refreshStatistics', { from: '2026-07-01', to: '2026-09-30', subdivision: '' }).ok).toBe(true);
      return b.gas.calls.snapshot();
    };
    const small = cost(1000);
    const large = cost(20000);
    expect(large).toEqual(small);
  }, 120000);

  it('shows a leader the figures of their own subdivision only, and writes nothing', () => {
    const b = load();
    const f = callAs(b, 'leader', 'getStatistics', { from: '2026-07-01', to: '2026-09-30', subdivision: 'ЦО' });
    expect(f.value.subdivision).toBe('ОМ');
    expect(f.value.funnel.map((l: { course: string }) => l.course)).toEqual(['A']);
    expect(b.ss.sheets.some((s) => s.name === 'Статистика')).toBe(false);
  });
});
