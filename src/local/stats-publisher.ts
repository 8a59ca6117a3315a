// «Статистика» in the local bank: the report's blocks as a sheet of values (no pivot tables in a file), kept for the page.
import type { MemoryWorkbook } from '../adapters/memory/memory-workbook';
import type { Cell } from '../core/sheets/spec';
import { type Report, STATS_SHEET } from '../core/stats/report';
import type { StatsPublisher } from '../core/use-cases/statistics';

export class LocalStatsPublisher implements StatsPublisher {
  last: Report | null = null;
  constructor(private readonly master: MemoryWorkbook) {}

  publish(report: Report): void {
    const rows: Cell[][] = report.meta.map(([k, v]) => [k, v]);
    for (const b of report.blocks) rows.push([], [b.title], b.header, ...b.rows);
    this.master.load(STATS_SHEET, rows);
    this.master.grid(STATS_SHEET).onChange();
    this.last = report;
  }
}
