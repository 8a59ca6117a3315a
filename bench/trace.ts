// `npm run bench -- trace [size] [operation substring]`: where one operation's calls and cells go, per sheet —
// the tool for deciding what to cut next (the table in PERFORMANCE.md says how much, this says where).
import { FakeRange } from '../test/fakes/spreadsheet-app';
import { buildBank, execution, use } from './bank';
import { estimateMs } from './cost-model';
import { OPS, settle } from './ops';

export const trace = (size: number, filter: string): void => {
  const b = use(buildBank(size));
  settle(b);
  const reads: string[] = [];
  const proto = FakeRange.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const m of ['getValues', 'setValues', 'getDisplayValues']) {
    const orig = proto[m];
    if (!orig) continue;
    proto[m] = function (this: FakeRange, ...a: unknown[]) {
      const r = this as unknown as { sheet: { name: string }; row: number; col: number; rows: number; cols: number };
      reads.push(`${m} «${r.sheet.name}» R${r.row}C${r.col} ${r.rows}×${r.cols} = ${r.rows * r.cols}`);
      return orig.apply(this, a);
    };
  }
  for (const op of OPS.filter((o) => o.name.includes(filter))) {
    op.prepare?.(b, 1);
    const run = execution(b);
    reads.length = 0;
    b.gas.calls.reset();
    const before = new Map<string, [number, number, number]>();
    for (const f of b.gas.SpreadsheetApp.files.values())
      for (const s of f.sheets) before.set(`${f.name}/${s.name}`, [s.cellsRead, s.cellsWritten, s.cellsSearched]);
    op.run(run, 1);
    const calls = b.gas.calls.snapshot();
    let cr = 0;
    let cw = 0;
    let cs = 0;
    console.log(`\n## ${op.name} (${size})`);
    for (const f of b.gas.SpreadsheetApp.files.values())
      for (const s of f.sheets) {
        const [r0, w0, s0] = before.get(`${f.name}/${s.name}`) ?? [0, 0, 0];
        if (s.cellsRead - r0 || s.cellsWritten - w0 || s.cellsSearched - s0)
          console.log(`  ${f.name}/${s.name}: read ${s.cellsRead - r0}, written ${s.cellsWritten - w0}, searched ${s.cellsSearched - s0}`);
        cr += s.cellsRead - r0;
        cw += s.cellsWritten - w0;
        cs += s.cellsSearched - s0;
      }
    console.log(`  estimate ${Math.round(estimateMs({ calls, cellsRead: cr, cellsWritten: cw, cellsSearched: cs }))} ms`);
    for (const [k, v] of Object.entries(calls)) console.log(`  ${v}× ${k}`);
    for (const r of reads) console.log(`  ${r}`);
  }
};
