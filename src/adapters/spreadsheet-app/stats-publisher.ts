// «Статистика» in Google Sheets: the computed blocks as values, real pivot tables over «Статистика — данные сводных», two charts.
import type { Report } from '../../core/stats/report';
import { PIVOT_DATA, STATS_SHEET } from '../../core/stats/report';
import type { StatsPublisher } from '../../core/use-cases/statistics';

const PIVOT_COLUMN = 14;
const PIVOT_STEP = 5;

export class SheetsStatsPublisher implements StatsPublisher {
  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  publish(report: Report, dataRows: number): void {
    // A fresh sheet each time: old pivot tables and charts go with the old one.
    const old = this.ss.getSheetByName(STATS_SHEET);
    if (old) this.ss.deleteSheet(old);
    const sh = this.ss.insertSheet(STATS_SHEET, 0);
    // A new sheet has 26 columns; the pivot tables stand side by side to the right of the blocks.
    const needed = PIVOT_COLUMN + report.pivots.length * PIVOT_STEP;
    if (needed > sh.getMaxColumns()) sh.insertColumnsAfter(sh.getMaxColumns(), needed - sh.getMaxColumns());
    const width = Math.max(2, ...report.blocks.map((b) => b.header.length));
    const lines: Array<Array<string | number>> = [];
    report.meta.forEach(([k, v]) => lines.push([k, v]));
    for (const b of report.blocks) {
      lines.push([]);
      lines.push([b.title]);
      lines.push(b.header);
      b.rows.forEach((r) => lines.push(r));
    }
    const grid = lines.map((l) => Array.from({ length: width }, (_, i) => (l[i] === undefined ? '' : l[i])));
    const range = sh.getRange(1, 1, grid.length, width);
    // Text cells plain text (a course title starting with «=» stays text), numbers as numbers: one call each.
    range.setNumberFormats(grid.map((l) => l.map((v) => (typeof v === 'number' ? '0.#' : '@'))));
    range.setValues(grid);

    const data = this.ss.getSheetByName(PIVOT_DATA.name) as GoogleAppsScript.Spreadsheet.Sheet;
    const source = data.getRange(1, 1, dataRows + 1, PIVOT_DATA.columns.length);
    const col = (key: string) => PIVOT_DATA.columns.findIndex((c) => c.key === key) + 1;
    report.pivots.forEach((p, i) => {
      const anchorCol = PIVOT_COLUMN + i * PIVOT_STEP;
      sh.getRange(1, anchorCol).setValue(p.title);
      const pt = sh.getRange(2, anchorCol).createPivotTable(source);
      pt.addRowGroup(col(p.rowKey));
      p.valueKeys.forEach((k) =>
        pt.addPivotValue(col(k), SpreadsheetApp.PivotTableSummarizeFunction.SUM).setDisplayName(PIVOT_DATA.columns[col(k) - 1].header),
      );
    });
    const chartOf = (pivotIndex: number, title: string, row: number) =>
      sh.insertChart(
        sh
          .newChart()
          .setChartType(Charts.ChartType.COLUMN)
          .addRange(sh.getRange(2, PIVOT_COLUMN + pivotIndex * PIVOT_STEP, 40, 2))
          .setPosition(row, 1, 0, 0)
          .setOption('title', title)
          .build(),
      );
    chartOf(
      report.pivots.findIndex((p) => p.rowKey === 'completedMonth'),
      'Завершили обучение по месяцам',
      grid.length + 2,
    );
    chartOf(
      report.pivots.findIndex((p) => p.rowKey === 'territory'),
      'Территории: подано и завершили',
      grid.length + 22,
    );
  }
}
