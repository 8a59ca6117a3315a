// Who is calling: their role and scope from «Доступ», by e-mail. Unknown or empty e-mail means no access.

import type { Role } from '../domain/lifecycle';
import { ROLE_LABELS } from '../domain/reference';
import type { Table } from '../ports';
import type { Row } from '../sheets/spec';

export interface CurrentUser {
  readonly email: string;
  readonly role: Role | null;
  readonly scope: string;
  readonly name: string;
}

export const NO_ACCESS_MESSAGE =
  'Нет доступа. Попросите организационно-методический сектор ИРО ПК добавить ваш адрес Google на лист «Доступ» ' +
  '(руководителей курсов добавляет начальник отдела).';

const isRole = (v: unknown): v is Role => v === 'sector' || v === 'head' || v === 'leader' || v === 'methodist';

export const findUser = (rows: readonly Row[], email: string): CurrentUser => {
  const e = email.trim().toLowerCase();
  const entry = e ? rows.find((r) => String(r.email).trim().toLowerCase() === e && r.active === true && isRole(r.role)) : undefined;
  if (!entry) return { email: e, role: null, scope: '', name: '' };
  return { email: e, role: entry.role as Role, scope: String(entry.scope), name: String(entry.name) };
};

export const currentUser = (access: Table, email: string): CurrentUser => findUser(access.read(), email);

export const roleLabel = (role: Role | null): string => (role ? ROLE_LABELS[role] : 'нет доступа');
