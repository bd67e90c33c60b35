/** The prose budget: a scenario's first sentences are its main text, the rest is detail a reader opens. */

/** Sentences per scenario in the main text of the report and the README. */
export const MAIN_SENTENCES = 3;

/**
 * The README's reference section shows no scenario's sentences outside <details>: its scoreboard and
 * tradeoffs already say who leads where, and its text outside <details> stays within README_WORDS.
 */
export const README_SENTENCES = 0;
export const README_WORDS = 900;

/** Words a reader meets without opening anything: those outside <details> blocks. */
export function mainTextWords(text: string): number {
  return text.replace(/<details>[\s\S]*?<\/details>/g, ' ').split(/\s+/).filter(Boolean).length;
}

export function splitNarrative(sentences: readonly string[], budget: number): { main: string[]; details: string[] } {
  return { main: sentences.slice(0, budget), details: sentences.slice(budget) };
}
