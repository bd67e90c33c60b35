/** The one place a parameter matrix becomes its combinations. */

/** Every combination of the lists' values, as objects with one value per key; the first key varies slowest. */
export function crossProduct<M extends { [K in keyof M]: readonly unknown[] }>(matrix: M): { [K in keyof M]: M[K][number] }[] {
  let combinations: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries<readonly unknown[]>(matrix)) {
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [key]: value })));
  }
  return combinations as { [K in keyof M]: M[K][number] }[];
}
