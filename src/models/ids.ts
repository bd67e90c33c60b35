/** Model ids, used alike in the CLI, results and charts. */
export const MODEL_IDS = ['sequential', 'fork', 'worker', 'piscina', 'event-loop', 'cluster'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export function isModelId(value: string): value is ModelId {
  return (MODEL_IDS as readonly string[]).includes(value);
}
