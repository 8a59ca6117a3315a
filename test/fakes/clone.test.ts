// The per-file bank template is only sound if a copy shares nothing with it.
import { cloneGas } from './clone';
import { fakeGas } from './services';

describe('cloneGas', () => {
  it('copies files, Drive, properties and triggers, and a change to the copy never reaches the original', () => {
    // Arrange
    const g = fakeGas();
    const ss = g.SpreadsheetApp.bindNew('ЕБППК');
    const sheet = ss.insertSheet('Данные');
    sheet.getRange(1, 1, 1, 2).setValues([['a', new Date(2026, 0, 5)]]);
    g.DriveApp.createFolder('Папка').createFolder('Вложенная');
    g.properties.setProperty('k', 'v');
    g.ScriptApp.newTrigger('runJob_').timeBased().everyMinutes(5).create();
    // Act
    const c = cloneGas(g);
    c.SpreadsheetApp.active?.sheet('Данные').getRange(1, 1).setValue('b');
    c.properties.setProperty('k', 'changed');
    c.DriveApp.getFolderById([...c.DriveApp.folders.keys()][0]).createFolder('Ещё');
    // Assert
    expect(sheet.dump()).toEqual([['a', new Date(2026, 0, 5)]]);
    expect(c.SpreadsheetApp.active?.sheet('Данные').dump()).toEqual([['b', new Date(2026, 0, 5)]]);
    expect(c.SpreadsheetApp.active?.id).toBe(ss.id);
    expect(g.properties.store.get('k')).toBe('v');
    expect([...g.DriveApp.folders.values()][0].folders.map((f) => f.name)).toEqual(['Вложенная']);
    expect(c.ScriptApp.triggers.map((t) => t.handler)).toEqual(['runJob_']);
    expect(c.calls.total()).toBeGreaterThan(0); // the copy counts its own calls…
    expect(cloneGas(g).calls.total()).toBe(0); // …from zero
  });
});
