// A bank deployed as designed: the cabinet template set, one cabinet per subdivision, the master shared with nobody but
// its owner; helpers to call the cabinet script (build-cabinet/Code.js) as someone.
import { CABINETS, SETTINGS } from '../../src/core/sheets/master';
import type { FakeSpreadsheet } from '../fakes/spreadsheet';
import { fire, type GasBank, OWNER, templateBank } from './bank-fixture';
import { loadCabinet } from './load-cabinet';
import { staffBank } from './staff-fixture';

export const LEADER = 'lead@iro.perm.ru';
export const HEAD = 'head.om@iro.perm.ru';
export const SPARE = 'spare.lead@iro.perm.ru';
export const OTHER = 'lead.ff@iro.perm.ru';

/** A bank set up with the cabinet template: cabinets for ОМ and ФФ, the master shared with nobody but the owner. */
export const cabinetBank = (): GasBank =>
  templateBank('cabinets', () => {
    const b = staffBank();
    b.gas.Session.runAs(OWNER);
    b.ss.editors = []; // the master is the sector's: here, its owner
    const template = b.gas.SpreadsheetApp.add('ЕБППК — шаблон кабинета', OWNER);
    template.script = { id: 'script-template', build: 'cabinet' };
    b.master.table(SETTINGS).append([{ key: 'cabinetTemplateId', value: template.id }]);
    b.code.setupBank_();
    fire(b, 'runJob_'); // shares the cabinets and fills them
    return b;
  });

export const cabinetOf = (b: GasBank, subdivision: string): FakeSpreadsheet => {
  const id = String(
    b.master
      .table(CABINETS)
      .read()
      .find((c) => c.subdivision === subdivision)?.spreadsheetId,
  );
  return b.gas.SpreadsheetApp.files.get(id) as FakeSpreadsheet;
};

/** Calls a cabinet function as `email`, JSON both ways as google.script.run does. */
export const inCabinet = (b: GasBank, where: string | FakeSpreadsheet, email: string, fn: string, arg?: unknown) => {
  const cab = loadCabinet(b.gas, (typeof where === 'string' ? cabinetOf(b, where) : where).id);
  b.gas.Session.runAs(email);
  return JSON.parse(JSON.stringify(cab.code[fn](arg === undefined ? {} : JSON.parse(JSON.stringify(arg)))));
};
