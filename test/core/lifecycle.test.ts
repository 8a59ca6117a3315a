import { type Action, type ActorRole, decide, STAGES, type Stage, TRANSITIONS } from '../../src/core/domain/lifecycle';

describe('application lifecycle', () => {
  it('lets a methodist send an application from the piggy bank to the provider', () => {
    const r = decide('methodist', 'send', 'methodist');
    expect(r).toEqual({ ok: true, value: { action: 'send', from: 'methodist', to: 'provider', reason: '' } });
  });

  it('refuses a rejection without a reason, in Russian', () => {
    const r = decide('methodist', 'reject', 'methodist', '   ');
    expect(r).toEqual({ ok: false, error: { kind: 'reason-required', message: 'Для действия «отклонить» укажите причину.' } });
  });

  it('refuses a leader sending on behalf of a territory', () => {
    const r = decide('methodist', 'send', 'leader');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe('forbidden-role');
  });

  it('refuses withdrawal once the group is formed', () => {
    const r = decide('group', 'withdraw', 'sector');
    expect(!r.ok && r.error.message).toBe('Нельзя «отозвать заявку»: заявка сейчас «в группе».');
  });

  it('keeps archive stages final: only the undo of a wrong mark leaves them, and only with a reason', () => {
    const finals: Stage[] = ['rejected', 'absent', 'expelled', 'completed', 'withdrawn'];
    const undo: Record<string, Action> = { absent: 'reinstate', withdrawn: 'reinstate', expelled: 'unexpel' };
    for (const from of finals)
      for (const action of Object.keys(TRANSITIONS) as Action[]) expect(decide(from, action, 'sector', 'x').ok).toBe(undo[from] === action);
    expect(decide('absent', 'reinstate', 'leader', ' ')).toMatchObject({ ok: false, error: { kind: 'reason-required' } });
    expect(decide('absent', 'reinstate', 'methodist', 'x')).toMatchObject({ ok: false, error: { kind: 'forbidden-role' } });
  });

  it('matches DESIGN.md §2: every legal (stage, action) pair and nothing else', () => {
    const legal: string[] = [];
    const roles: ActorRole[] = ['sector', 'head', 'leader', 'methodist', 'system'];
    for (const from of STAGES)
      for (const action of Object.keys(TRANSITIONS) as Action[])
        for (const role of roles) {
          const r = decide(from, action, role, 'причина');
          if (r.ok) legal.push(`${role}:${from}-${action}->${r.value.to}`);
        }
    expect(legal.filter((l) => l.startsWith('head:'))).toEqual([]);
    // The bank acting on a rule (quota full) or on a person's withdrawal of consent (152-ФЗ, the status page).
    expect(legal.filter((l) => l.startsWith('system:')).sort()).toEqual(
      [
        'system:methodist-waitlist->waitlist',
        'system:methodist-withdraw->withdrawn',
        'system:waitlist-withdraw->withdrawn',
        'system:provider-withdraw->withdrawn',
      ].sort(),
    );
    expect(legal.filter((l) => l.startsWith('leader:')).sort()).toEqual(
      [
        'leader:group-complete->completed',
        'leader:group-expel->expelled',
        'leader:provider-absent->absent',
        'leader:provider-enrol->group',
        'leader:provider-withdraw->withdrawn',
        // the undo of a wrong mark (issue 16)
        'leader:absent-reinstate->provider',
        'leader:withdrawn-reinstate->provider',
        'leader:expelled-unexpel->group',
      ].sort(),
    );
    expect(legal.filter((l) => l.startsWith('methodist:')).sort()).toEqual(
      [
        'methodist:methodist-reject->rejected',
        'methodist:methodist-send->provider',
        'methodist:methodist-waitlist->waitlist',
        'methodist:methodist-withdraw->withdrawn',
        'methodist:provider-withdraw->withdrawn',
        'methodist:waitlist-reject->rejected',
        'methodist:waitlist-send->provider',
        'methodist:waitlist-unwaitlist->methodist',
        'methodist:waitlist-withdraw->withdrawn',
      ].sort(),
    );
  });
});
