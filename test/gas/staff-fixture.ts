// A bank with one user of every role, through build/Code.js, and a caller that JSON round-trips like google.script.run.
import { ACCESS, SUBDIVISIONS } from '../../src/core/sheets/master';
import { type GasBank, gasBank, OWNER, templateBank } from './bank-fixture';

export const USERS = {
  sector: OWNER,
  head: 'head.om@iro.perm.ru',
  leader: 'lead@iro.perm.ru',
  otherLeader: 'lead.ff@iro.perm.ru',
  methodist: 'm1@perm.edu.ru',
  stranger: 'stranger@gmail.com',
  anonymous: '',
} as const;
export type Who = keyof typeof USERS;

/** The account behind `anonymous`: Apps Script hides its e-mail (getActiveUser() is ''), but it is someone. */
export const HIDDEN_ACCOUNT = 'hidden@gmail.com';

/** Runs the next call as `who` (the account the fake's permission checks use). */
export const runAs = (b: GasBank, who: Who): void =>
  who === 'anonymous' ? b.gas.Session.runAs(HIDDEN_ACCOUNT, { hideEmail: true }) : b.gas.Session.runAs(USERS[who]);

/**
 * The master's editors in the design before cabinets (README: staff are editors of the bank's spreadsheet; «Доступ»
 * decides what each may do). The stranger and the hidden account are editors without a «Доступ» row — someone the file
 * was shared with by mistake — so the server's own role checks are what refuses them. Issue 13 takes leaders and heads
 * off this list as their cabinets take over.
 */
export const MASTER_EDITORS = [
  'head.om@iro.perm.ru',
  'lead@iro.perm.ru',
  'lead.ff@iro.perm.ru',
  'spare.lead@iro.perm.ru',
  'm1@perm.edu.ru',
  'stranger@gmail.com',
  HIDDEN_ACCOUNT,
];

export const staffBank = (): GasBank => templateBank('staff', buildStaffBank);

const buildStaffBank = (): GasBank => {
  const b = gasBank();
  b.master.table(SUBDIVISIONS).append([
    { code: 'ОМ', name: 'Отдел методики' },
    { code: 'ФФ', name: 'Отдел физики' },
  ]);
  b.master.table(ACCESS).append([
    { email: USERS.head, role: 'head', scope: 'ОМ', name: 'Начальник ОМ', active: true },
    { email: USERS.leader, role: 'leader', scope: 'ОМ', name: 'Руководитель ОМ', active: true },
    { email: USERS.otherLeader, role: 'leader', scope: 'ФФ', name: 'Руководитель ФФ', active: true },
    { email: 'spare.lead@iro.perm.ru', role: 'leader', scope: 'ОМ', name: 'Запасной', active: true },
  ]);
  b.ss.editors.push(...MASTER_EDITORS);
  return b;
};

/** Calls a top-level function as `who`, with the argument JSON round-tripped as google.script.run does (a Date fails). */
export const callAs = (b: GasBank, who: Who, fn: string, arg?: unknown) => {
  runAs(b, who);
  const rejectDates = function (this: Record<string, unknown>, k: string, v: unknown) {
    // `this[k]` is the value before Date#toJSON turned it into a string.
    if (this[k] instanceof Date) throw new Error('google.script.run: Date arguments are not allowed');
    return v;
  };
  if (arg !== undefined) JSON.stringify(arg, rejectDates);
  const sent = arg === undefined ? undefined : JSON.parse(JSON.stringify(arg));
  const result = b.code[fn](sent);
  return JSON.parse(JSON.stringify(result));
};

export const courseInput = (over: Record<string, unknown> = {}) => ({
  code: 'ОМ-10',
  title: 'Проектная деятельность в школе',
  annotation: 'Аннотация',
  schedule: 'Пн–Пт 10:00–16:00',
  hours: 36,
  form: 'очная',
  startDate: '2026-12-07',
  endDate: '2026-12-11',
  place: 'Пермь',
  audience: 'учителя',
  capacity: 30,
  subdivision: 'ОМ',
  leader: '',
  quotas: [{ territory: 'perm', places: 10 }],
  ...over,
});
