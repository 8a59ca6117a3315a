// The fake Properties store refuses what Apps Script refuses: a value over 9 KB, a store over 500 KB.
import { Calls } from './calls';
import { FakeProperties, PROPERTY_STORE_LIMIT, PROPERTY_VALUE_LIMIT } from './services';

describe('FakeProperties keeps Google’s limits', () => {
  it('takes a value of 9 KB, refuses one byte more (UTF-8: Cyrillic counts twice), and keeps the old value', () => {
    const p = new FakeProperties(new Calls());
    p.setProperty('k', 'x'.repeat(PROPERTY_VALUE_LIMIT));
    expect(() => p.setProperty('k', 'я'.repeat(PROPERTY_VALUE_LIMIT / 2 + 1))).toThrow('Argument too large');
    expect(p.getProperty('k')).toHaveLength(PROPERTY_VALUE_LIMIT);
  });

  it('refuses to grow the store past 500 KB, counting keys and values; replacing a value is measured without the old one', () => {
    const p = new FakeProperties(new Calls());
    const n = Math.floor(PROPERTY_STORE_LIMIT / (PROPERTY_VALUE_LIMIT + 3));
    for (let i = 0; i < n; i++) p.setProperty(`k${String(i).padStart(2, '0')}`, 'x'.repeat(PROPERTY_VALUE_LIMIT));
    expect(() => p.setProperty('one-more', 'x'.repeat(PROPERTY_VALUE_LIMIT))).toThrow('property storage quota');
    expect(() => p.setProperty('k00', 'y'.repeat(PROPERTY_VALUE_LIMIT))).not.toThrow();
  });
});
