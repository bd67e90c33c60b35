/** Part `index` of `total` split into `parts` as evenly as whole numbers allow (the first ones get the remainder). */
export function evenShare(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}
