// Organisation reference records: access entries (the regulation's "password list"), roles and their labels.
import * as z from '../zod';

const trimmed = () => z.string().check(z.trim());

export const Email = z.pipe(trimmed().check(z.toLowerCase()), z.email('Некорректный адрес электронной почты'));

export const ROLES = ['sector', 'head', 'leader', 'methodist'] as const;
export const ROLE_LABELS = { sector: 'Сектор', head: 'Начальник отдела', leader: 'Руководитель курсов', methodist: 'Методист территории' } as const;

/** One person's access: the scope is a subdivision for head/leader, a territory for a methodist, empty for the sector. */
export const AccessEntry = z
  .object({
    email: Email,
    role: z.enum(ROLES, 'Роль: сектор, начальник отдела, руководитель курсов или методист территории'),
    scope: z._default(trimmed(), ''),
    name: z._default(trimmed(), ''),
    active: z._default(z.boolean(), true),
  })
  .check(z.refine((a) => a.role === 'sector' || a.scope.length > 0, { message: 'Для этой роли укажите подразделение или территорию', path: ['scope'] }));
export type AccessEntry = z.infer<typeof AccessEntry>;
