// The script lock over LockService: writes are flushed before the lock is released, even when the work fails.
import { scriptLock } from '../../src/adapters/spreadsheet-app/services';
import { BusyError } from '../../src/core/ports';
import { fakeGas, installGlobals } from '../fakes/services';

const withGas = () => {
  const gas = fakeGas();
  installGlobals(gas);
  const seen: string[] = [];
  gas.calls.onHit = (name) => seen.push(name);
  return { gas, seen };
};

describe('scriptLock', () => {
  it('flushes pending writes before releasing the lock, so the next execution reads them', () => {
    const { gas, seen } = withGas();
    const out = scriptLock().withLock(() => 42);
    expect(out).toBe(42);
    expect(seen.slice(-2)).toEqual(['SpreadsheetApp.flush', 'Lock.releaseLock']);
    expect(gas.LockService.held).toBe(false);
  });

  it('flushes and releases when the work throws, and rethrows', () => {
    const { gas, seen } = withGas();
    expect(() =>
      scriptLock().withLock(() => {
        throw new Error('сбой');
      }),
    ).toThrow('сбой');
    expect(seen.slice(-2)).toEqual(['SpreadsheetApp.flush', 'Lock.releaseLock']);
    expect(gas.LockService.held).toBe(false);
  });

  it('says the bank is busy, in Russian, when another execution holds the lock', () => {
    const { gas } = withGas();
    gas.LockService.busy = true;
    expect(() => scriptLock().withLock(() => 1)).toThrow(BusyError);
    expect(() => scriptLock().withLock(() => 1)).toThrow('Банк занят другой операцией');
  });
});
