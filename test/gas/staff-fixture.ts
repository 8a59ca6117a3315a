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
  return b;
};

/** Calls a top-level function as `who`, with the argument JSON round-tripped as google.script.run does (a Date fails). */
export const callAs = (b: GasBank, who: Who, fn: string, arg?: unknown) => {
  b.gas.Session.email = USERS[who];
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
