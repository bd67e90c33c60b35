/** The prose budget: a scenario's first sentences are its main text, the rest is detail a reader opens. */

/** Sentences per scenario in the main text of the report and the README. */
export const MAIN_SENTENCES = 3;

export function splitNarrative(sentences: readonly string[], budget: number): { main: string[]; details: string[] } {
  return { main: sentences.slice(0, budget), details: sentences.slice(budget) };
}
