/** A cell's ratio to its column's best, short: "0.84×", "1.08×", and a small one as a fraction ("1/210×"), whose digits say more than "0.00475×". */
import { num } from '../../results/format.js';

export function ratioText(ratio: number): string {
  if (ratio < 0.1) return `1/${num(1 / ratio)}×`;
  return ratio < 10 ? `${Number(ratio.toFixed(2))}×` : `${num(ratio)}×`;
}
