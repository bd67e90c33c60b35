/** The prose budget: a scenario's first sentences are its main text, the rest is detail a reader opens. */

/** Sentences per scenario in the main text of the report and the README. */
export const MAIN_SENTENCES = 3;
/** Words per scenario in the report's main text: a long sentence waits behind <details> with the rest (the first is always shown). */
export const MAIN_WORDS = 100;

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

const wordsIn = (sentence: string) => sentence.split(/\s+/).filter(Boolean).length;

/** The longest run of first sentences within both budgets (at least the first, where the sentence budget allows one). */
export function splitNarrative(sentences: readonly string[], budget: number, words = Number.POSITIVE_INFINITY): { main: string[]; details: string[] } {
  let shown = 0;
  let said = 0;
  while (shown < Math.min(budget, sentences.length) && (shown === 0 || said + wordsIn(sentences[shown]!) <= words)) said += wordsIn(sentences[shown++]!);
  return { main: sentences.slice(0, shown), details: sentences.slice(shown) };
}
