// Work only the owner can do is requested by anyone and done by the owner's job exactly when due.
import type { Properties } from '../../src/core/ports';
import { doOwnerWork, pendingOwnerWork, requestOwnerWork } from '../../src/core/use-cases/owner-work';

const store = (): Properties & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k) ?? null, set: (k, v) => void map.set(k, v) };
};

describe('owner work', () => {
  it('does requested work once, and only what was requested', () => {
    const p = store();
    expect(pendingOwnerWork(p)).toEqual({});
    requestOwnerWork(p, 'form');
    requestOwnerWork(p, 'form');
    const seen = pendingOwnerWork(p);
    const ran: string[] = [];
    expect(doOwnerWork(p, seen, 'form', () => ran.push('form'))).toBe(true);
    expect(doOwnerWork(p, seen, 'sharing', () => ran.push('sharing'))).toBe(false);
    expect(ran).toEqual(['form']);
    expect(pendingOwnerWork(p)).toEqual({});
  });

  it('keeps a request made while the job was doing the same work', () => {
    const p = store();
    requestOwnerWork(p, 'sharing');
    const seen = pendingOwnerWork(p);
    doOwnerWork(p, seen, 'sharing', () => requestOwnerWork(p, 'sharing'));
    expect(pendingOwnerWork(p)).toEqual({ sharing: 2 });
  });

  it('leaves the work due when it fails, and treats a damaged record as everything due', () => {
    const p = store();
    requestOwnerWork(p, 'documents');
    expect(() =>
      doOwnerWork(p, pendingOwnerWork(p), 'documents', () => {
        throw new Error('Drive is down');
      }),
    ).toThrow('Drive is down');
    expect(pendingOwnerWork(p)).toEqual({ documents: 1 });
    p.map.set('EBPPK_PENDING_WORK', '{not json');
    expect(pendingOwnerWork(p)).toEqual({ form: 1, sharing: 1, documents: 1 });
  });
});
