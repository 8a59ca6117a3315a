// Protections as Sheets enforces them, by the account running the script: the tests of the cabinet's per-person request
// sheets prove nothing unless the fake refuses what Google refuses.

import { fakeGas } from './services';
import { PROTECTED_EDIT } from './spreadsheet-app';

const OWNER = 'owner@iro.perm.ru';
const A = 'a@iro.perm.ru';
const B = 'b@iro.perm.ru';

const world = () => {
  const g = fakeGas();
  g.Session.runAs(OWNER);
  const ss = g.SpreadsheetApp.add('Кабинет', OWNER);
  ss.addEditors([A, B]);
  const sheet = ss.insertSheet('Запросы — b');
  const p = sheet.protect(); // a new protection mirrors the file's editors…
  const mirrored = p.editors.slice();
  p.removeEditors(p.getEditors()); // …until the script narrows it (the owner stays)
  p.addEditors([B]);
  return { g, ss, sheet, p, mirrored };
};

describe('fake protections', () => {
  it('start as the spreadsheet’s editors; only their editors change them; the owner and the runner cannot be removed', () => {
    const { g, p, mirrored } = world();
    expect(mirrored).toEqual([OWNER, A, B]);
    expect(p.editors).toEqual([OWNER, B]);
    g.Session.runAs(A);
    expect(p.canEdit()).toBe(false);
    expect(() => p.addEditors([A])).toThrow(PROTECTED_EDIT);
    expect(() => p.removeEditors([B])).toThrow(PROTECTED_EDIT);
    expect(() => p.setWarningOnly(true)).toThrow(PROTECTED_EDIT);
    expect(() => p.remove()).toThrow(PROTECTED_EDIT);
    g.Session.runAs(B);
    expect(p.canEdit()).toBe(true);
    p.removeEditors([B, OWNER]);
    expect(p.editors).toEqual([OWNER, B]);
  });

  it('refuse writing, renaming and deleting a protected sheet to anyone but their editors', () => {
    const { g, ss, sheet } = world();
    g.Session.runAs(A);
    expect(() => sheet.getRange(2, 1).setValue('x')).toThrow(PROTECTED_EDIT);
    expect(() => sheet.setName('моё')).toThrow(PROTECTED_EDIT);
    expect(() => ss.deleteSheet(sheet)).toThrow(PROTECTED_EDIT);
    g.Session.runAs(B);
    sheet.getRange(2, 1).setValue('x');
    expect(sheet.getRange(2, 1).getValue()).toBe('x');
    ss.deleteSheet(sheet);
    expect(ss.sheets).not.toContain(sheet);
  });
});
