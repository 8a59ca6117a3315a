// The dimensions of a statistics row: hours bands, age bands (1-ПК), position categories, months — in one place.
import { POSITIONS } from '../reference/positions';

export const hoursBand = (hours: number): string => (hours >= 250 ? '250+' : hours >= 72 ? '72–249' : hours >= 36 ? '36–71' : '16–35');

/** Full years at 1 January of the year after the period (the 1-ПК convention). */
export const ageAt = (birth: Date, periodEnd: Date): number => {
  const ref = new Date(periodEnd.getFullYear() + 1, 0, 1);
  let age = ref.getFullYear() - birth.getFullYear();
  if (ref.getMonth() < birth.getMonth() || (ref.getMonth() === birth.getMonth() && ref.getDate() < birth.getDate())) age--;
  return age;
};

export const AGE_BANDS = ['моложе 25', '25–29', '30–34', '35–39', '40–44', '45–49', '50–54', '55–59', '60–64', '65 и старше'] as const;

export const ageBand = (age: number): string => {
  if (age < 25) return AGE_BANDS[0];
  if (age >= 65) return AGE_BANDS[9];
  return AGE_BANDS[1 + Math.floor((age - 25) / 5)];
};

const CATEGORY = new Map(POSITIONS.map((p) => [p.position, p.group]));
export const positionCategory = (position: string): string => CATEGORY.get(position.trim().toLowerCase()) ?? 'другие';

export const month = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
