// «Статистика» in Google Sheets: the computed blocks as values, real pivot tables over «Статистика — данные сводных», two charts.
import type { Report } from '../../core/stats/report';
import { PIVOT_DATA, STATS_SHEET } from '../../core/stats/report';
import type { StatsPublisher } from '../../core/use-cases/statistics';
import { advancedSheets } from './sheet-grid';

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
    const col = (key: string) => PIVOT_DATA.columns.findIndex((c) => c.key === key) + 1;
    const charts: Array<[number, string, number]> = [
      [report.pivots.findIndex((p) => p.rowKey === 'completedMonth'), 'Завершили обучение по месяцам', grid.length + 2],
      [report.pivots.findIndex((p) => p.rowKey === 'territory'), 'Территории: подано и завершили', grid.length + 22],
    ];
    const api = advancedSheets();
    if (api) {
      // Issue 19: the seven pivot tables, their titles and both charts in one Sheets API request instead of ~60 calls.
      const sheetId = sh.getSheetId();
      const source = {
        sheetId: data.getSheetId(),
        startRowIndex: 0,
        endRowIndex: dataRows + 1,
        startColumnIndex: 0,
        endColumnIndex: PIVOT_DATA.columns.length,
      };
      const at = (row: number, column: number, rows = 1) => ({
        sheetId,
        startRowIndex: row,
        endRowIndex: row + rows,
        startColumnIndex: column,
        endColumnIndex: column + 1,
      });
      const pivots = report.pivots.map((p, i) => ({
        updateCells: {
          start: { sheetId, rowIndex: 0, columnIndex: PIVOT_COLUMN - 1 + i * PIVOT_STEP },
          fields: 'userEnteredValue,pivotTable',
          rows: [
            { values: [{ userEnteredValue: { stringValue: p.title } }] },
            {
              values: [
                {
                  pivotTable: {
                    source,
                    rows: [{ sourceColumnOffset: col(p.rowKey) - 1, showTotals: true, sortOrder: 'ASCENDING' }],
                    values: p.valueKeys.map((k) => ({ sourceColumnOffset: col(k) - 1, summarizeFunction: 'SUM', name: PIVOT_DATA.columns[col(k) - 1].header })),
                    valueLayout: 'HORIZONTAL',
                  },
                },
              ],
            },
          ],
        },
      }));
      const addCharts = charts.map(([pivot, title, row]) => {
        const column = PIVOT_COLUMN - 1 + pivot * PIVOT_STEP;
        return {
          addChart: {
            chart: {
              spec: {
                title,
                basicChart: {
                  chartType: 'COLUMN',
                  legendPosition: 'BOTTOM_LEGEND',
                  headerCount: 1,
                  domains: [{ domain: { sourceRange: { sources: [at(1, column, 40)] } } }],
                  series: [{ series: { sourceRange: { sources: [at(1, column + 1, 40)] } }, targetAxis: 'LEFT_AXIS' }],
                },
              },
              position: { overlayPosition: { anchorCell: { sheetId, rowIndex: row - 1, columnIndex: 0 } } },
            },
          },
        };
      });
      try {
        api.Spreadsheets.batchUpdate({ requests: [...pivots, ...addCharts] }, this.ss.getId());
        return;
      } catch (e) {
        // A batch is all or nothing: nothing was made, so SpreadsheetApp makes the same below.
        console.warn(`Статистика: сводные таблицы через Sheets API не созданы (${e instanceof Error ? e.message : String(e)}), создаю по одной.`);
      }
    }
    const source = data.getRange(1, 1, dataRows + 1, PIVOT_DATA.columns.length);
    report.pivots.forEach((p, i) => {
      const anchorCol = PIVOT_COLUMN + i * PIVOT_STEP;
      sh.getRange(1, anchorCol).setValue(p.title);
      const pt = sh.getRange(2, anchorCol).createPivotTable(source);
      pt.addRowGroup(col(p.rowKey));
      p.valueKeys.forEach((k) =>
        pt.addPivotValue(col(k), SpreadsheetApp.PivotTableSummarizeFunction.SUM).setDisplayName(PIVOT_DATA.columns[col(k) - 1].header),
      );
    });
    for (const [pivot, title, row] of charts)
      sh.insertChart(
        sh
          .newChart()
          .setChartType(Charts.ChartType.COLUMN)
          .addRange(sh.getRange(2, PIVOT_COLUMN + pivot * PIVOT_STEP, 40, 2))
          .setPosition(row, 1, 0, 0)
          .setOption('title', title)
          .build(),
      );
  }
}
