// The Form's «Должность» list comes from the project's copy of shared/data/positions.csv (src/core/reference/positions.csv),
// read here with a real CSV parser (RFC 4180, strict column count). A position may contain a comma — «руководитель
// (директор, заведующий)» — so that field is quoted in our copy (the shared file leaves it bare, which a CSV reader splits
// into three fields: issue 18 found the Form offering «руководитель (директор»).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { POSITION_CHOICES } from '../../src/core/intake/form-spec';
import { POSITIONS } from '../../src/core/reference/positions';
import { positionCategory } from '../../src/core/stats/dimensions';

const read = (text: string): Array<{ position: string; group: string }> => parse(text, { columns: true, skip_empty_lines: true, trim: true });

const ours = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'core', 'reference', 'positions.csv'), 'utf8');

describe('positions', () => {
  it('are the reference file, row for row, as a CSV parser reads it', () => {
    expect(POSITIONS).toEqual(read(ours));
  });

  it('a quoted comma stays inside its field; an unquoted one is refused, not split silently', () => {
    expect(read('position,group\n"руководитель (директор, заведующий)",руководители\n')).toEqual([
      { position: 'руководитель (директор, заведующий)', group: 'руководители' },
    ]);
    expect(() => read('position,group\nруководитель (директор, заведующий),руководители\n')).toThrow(/column/i);
  });

  it('the Form offers «руководитель (директор, заведующий)» whole, and 1-ПК counts it among managers', () => {
    expect(POSITION_CHOICES).toContain('руководитель (директор, заведующий)');
    expect(POSITION_CHOICES).not.toContain('руководитель (директор');
    expect(positionCategory('Руководитель (директор, заведующий)')).toBe('руководители');
  });
});
