// Issue 18: «Доступ» showed role codes (`methodist`). A coded choice column shows and offers Russian labels; the bank
// keeps working with the codes, and rows written before (codes in the cells) still read the same.

import type { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { decodeCell, encodeRow, mapHeaders } from '../../src/core/sheets/codec';
import { ACCESS, SETTINGS } from '../../src/core/sheets/master';
import { setSetting } from '../../src/core/use-cases/settings';
import { setupBank } from '../../src/core/use-cases/setup-bank';
import { memoryBank } from '../builders';

const role = ACCESS.columns.find((c) => c.key === 'role');
if (!role) throw new Error('no role column');

describe('a coded choice column', () => {
  it('writes the label, reads the label or the code as the code', () => {
    const map = mapHeaders(
      ACCESS,
      ACCESS.columns.map((c) => c.header),
    );
    const cells = encodeRow(ACCESS, map, { email: 'm@x.ru', role: 'methodist' }, ACCESS.columns.length);
    expect(cells[map.get('role') as number]).toBe('Методист территории');
    expect(decodeCell(role, 'Методист территории')).toBe('methodist');
    expect(decodeCell(role, ' Начальник отдела ')).toBe('head');
    expect(decodeCell(role, 'methodist')).toBe('methodist'); // a row written before schema 4
    expect(decodeCell(role, 'кто-то')).toBe('кто-то'); // unknown stays as typed (the access check refuses it)
  });

  it('setup after an upgrade from schema 3 rewrites the codes as labels, once', () => {
    const b = memoryBank();
    const access = b.master.table(ACCESS);
    const grid = (b.master as unknown as MemoryWorkbook).grid(ACCESS.name);
    const roleCells = () =>
      grid
        .readAll()
        .slice(1)
        .map((r) => r[1]);
    // As a bank of schema 3 holds them: codes in the cells.
    const all = grid.readAll();
    grid.write(
      0,
      1,
      all.slice(1).map((r) => [String(decodeCell(role, r[1]))]),
    );
    expect(roleCells()).toContain('sector');
    expect(access.read().find((x) => x.email === 'owner@iro.perm.ru')?.role).toBe('sector');
    setSetting(b.master.table(SETTINGS), 'schemaVersion', '3');
    const r = setupBank({ master: b.master, clock: b.clock, actor: 'owner@iro.perm.ru', triggers: { ensure: () => [] }, triggerSpecs: [] });
    expect(r.ok).toBe(true);
    expect(roleCells()).not.toContain('sector');
    expect(roleCells()).toContain('Сектор');
    expect(access.read().find((x) => x.email === 'owner@iro.perm.ru')?.role).toBe('sector');
  });
});
