// The Form's «Должность» list is shared/data/positions.csv (the project's copy beside this test): the position is everything before the row's last comma (a
// position may contain commas — «руководитель (директор, заведующий)» — a group never does). Issue 18 found it split.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { POSITION_CHOICES } from '../../src/core/intake/form-spec';
import { POSITIONS } from '../../src/core/reference/positions';
import { positionCategory } from '../../src/core/stats/dimensions';

const csv = fs
  .readFileSync(path.join(__dirname, 'positions.csv'), 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter((l) => l.trim())
  .map((l) => {
    const cut = l.lastIndexOf(',');
    return { position: l.slice(0, cut).trim(), group: l.slice(cut + 1).trim() };
  });

describe('positions', () => {
  it('are the reference file, row for row', () => {
    expect(POSITIONS).toEqual(csv);
  });

  it('the Form offers «руководитель (директор, заведующий)» whole, and 1-ПК counts it among managers', () => {
    expect(POSITION_CHOICES).toContain('руководитель (директор, заведующий)');
    expect(POSITION_CHOICES).not.toContain('руководитель (директор');
    expect(positionCategory('Руководитель (директор, заведующий)')).toBe('руководители');
  });
});
