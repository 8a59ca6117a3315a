// «Доступ» — the regulation's password list: heads manage their subdivision's leaders, the sector manages everyone.
// Every change is journaled. Sharing follows at the owner's next job (sharing.ts): whoever clicked does not own the files.
import { AccessEntry, ROLES } from '../domain/reference';
import type { Clock, Properties, Workbook } from '../ports';
import { err, ok, type Result } from '../result';
import { ACCESS, SUBDIVISIONS, TERRITORIES } from '../sheets/master';
import type { Row } from '../sheets/spec';
import * as z from '../zod';
import type { CurrentUser } from './current-user';
import { journal } from './journal';
import { requestOwnerWork } from './owner-work';

export const GrantInput = z.strictObject({
  email: z.string().check(z.maxLength(200)),
  role: z.enum(ROLES),
  scope: z._default(z.string().check(z.maxLength(60)), ''),
  name: z._default(z.string().check(z.maxLength(200)), ''),
});
export type GrantInput = z.infer<typeof GrantInput>;

export interface AccessDeps {
  readonly master: Workbook;
  readonly clock: Clock;
  readonly properties: Properties;
}

/** Who may grant what: the sector anything; a head only leaders of their own subdivision. */
const mayManage = (user: CurrentUser, role: string, scope: string): boolean =>
  user.role === 'sector' || (user.role === 'head' && role === 'leader' && scope === user.scope);

export const listAccess = (master: Workbook, user: CurrentUser): Row[] =>
  master
    .table(ACCESS)
    .read()
    .filter((a) => a.active === true && (user.role === 'sector' || (user.role === 'head' && a.role === 'leader' && a.scope === user.scope)))
    .map((a) => ({ email: a.email, role: a.role, scope: a.scope, name: a.name }));

const note = (deps: AccessDeps, user: CurrentUser, action: string, reason: string): void =>
  journal(deps.master, { at: deps.clock.now(), actor: user.email, action, reason });

export const grantAccess = (deps: AccessDeps, user: CurrentUser, input: GrantInput): Result<{ email: string }, string> => {
  const scope = user.role === 'head' ? user.scope : input.scope.trim();
  const parsed = AccessEntry.safeParse({ ...input, scope, active: true });
  if (!parsed.success) return err(parsed.error.issues.map((i) => i.message).join('; '));
  const entry = parsed.data;
  if (!mayManage(user, entry.role, entry.scope)) return err('Вы можете добавлять только руководителей курсов своего подразделения.');
  if (entry.role === 'methodist' && !deps.master.table(TERRITORIES).ids().includes(entry.scope))
    return err(`Территории с кодом «${entry.scope}» нет на листе «Территории».`);
  if ((entry.role === 'head' || entry.role === 'leader') && !deps.master.table(SUBDIVISIONS).ids().includes(entry.scope)) {
    return err(`Подразделения с кодом «${entry.scope}» нет на листе «Подразделения».`);
  }
  if (entry.email === user.email) return err('Свой собственный доступ изменить нельзя: попросите коллегу.');
  const access = deps.master.table(ACCESS);
  const current = access.read().find((a) => a.email === entry.email);
  if (current && !mayManage(user, String(current.role), String(current.scope)))
    return err('Этот адрес уже есть в «Доступе» с другой ролью: обратитесь в сектор.');
  const row = { ...entry };
  if (current) access.updateByIds(new Map([[entry.email, row]]));
  else access.append([row]);
  note(deps, user, 'доступ выдан', `${entry.email}: ${entry.role} ${entry.scope}`);
  requestOwnerWork(deps.properties, 'sharing');
  return ok({ email: entry.email });
};

export const revokeAccess = (deps: AccessDeps, user: CurrentUser, email: string): Result<{ email: string }, string> => {
  const e = email.trim().toLowerCase();
  const access = deps.master.table(ACCESS);
  const current = access.read().find((a) => a.email === e && a.active === true);
  if (!current) return err('Такого адреса нет среди действующих на листе «Доступ».');
  if (!mayManage(user, String(current.role), String(current.scope)))
    return err('Вы можете отзывать доступ только у руководителей курсов своего подразделения.');
  if (e === user.email) return err('Свой собственный доступ отозвать нельзя: попросите коллегу.');
  access.updateByIds(new Map([[e, { active: false }]]));
  note(deps, user, 'доступ отозван', `${e}: ${current.role} ${current.scope}`);
  requestOwnerWork(deps.properties, 'sharing');
  return ok({ email: e });
};

export const SubdivisionInput = z.strictObject({ code: z.string().check(z.maxLength(30)), name: z.string().check(z.maxLength(300)) });

export const saveSubdivision = (deps: AccessDeps, user: CurrentUser, input: z.infer<typeof SubdivisionInput>): Result<{ code: string }, string> => {
  const code = input.code.trim();
  const name = input.name.trim();
  if (!/^[A-Za-zА-Яа-яЁё0-9-]{1,30}$/.test(code)) return err('Код подразделения: буквы, цифры и дефис');
  if (!name) return err('Укажите название подразделения');
  const t = deps.master.table(SUBDIVISIONS);
  if (t.updateByIds(new Map([[code, { name }]])).length) t.append([{ code, name }]);
  note(deps, user, 'подразделение', `${code}: ${name}`);
  requestOwnerWork(deps.properties, 'cabinets');
  return ok({ code });
};

/** `code` empty: a new territory, its code made from its name (issue 18: people never type or read codes). */
export const TerritoryInput = z.strictObject({ code: z.string().check(z.maxLength(60)), name: z.string().check(z.maxLength(300)), active: z.boolean() });

const LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/**
 * A territory's internal code from its name, as the reference codes are made: the name's first word transliterated,
 * «-ий» as «-y» («Кунгурский муниципальный округ» → kungursky); «-2», «-3»… if taken.
 */
export const territoryCode = (name: string, taken: ReadonlySet<string>): string => {
  const word =
    name
      .trim()
      .toLowerCase()
      .split(/[\s,]+/)[0] ?? '';
  const base =
    word
      .replace(/ий$/, 'y')
      .replace(/[а-яё]/g, (c) => LATIN[c] ?? '')
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^[^a-z]+|-+$/g, '') || 'territory';
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
  return code;
};

export const saveTerritory = (deps: AccessDeps, user: CurrentUser, input: z.infer<typeof TerritoryInput>): Result<{ code: string }, string> => {
  const t = deps.master.table(TERRITORIES);
  const name = input.name.trim();
  if (!name) return err('Укажите название территории');
  const code = input.code.trim() || territoryCode(name, new Set(t.read().map((r) => String(r.code))));
  if (!/^[a-z][a-z0-9-]*$/.test(code)) return err('Код территории: латинские буквы, цифры и дефис');
  if (t.updateByIds(new Map([[code, { name, active: input.active }]])).length) t.append([{ code, name, kind: '', workbookId: '', active: input.active }]);
  note(deps, user, 'территория', `${code}: ${name}${input.active ? '' : ' (неактивна)'}`);
  requestOwnerWork(deps.properties, 'books');
  requestOwnerWork(deps.properties, 'sharing');
  return ok({ code });
};
