/** The prose budget: a scenario's first sentences in the text, the rest behind <details>; the README's words counted outside them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../src/report/html.js';
import { narrate } from '../../src/report/narrative/index.js';
import { MAIN_SENTENCES, MAIN_WORDS, mainTextWords, splitNarrative } from '../../src/report/prose-budget.js';
import { scenariosIn } from '../../src/report/rows.js';
import { escapeHtml } from '../../src/report/html-escape.js';
import type { ResultsFile } from '../../src/results/schema.js';
import type { WrittenChart } from '../../src/report/write-charts.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const html = renderPage(fixture, []);

describe('prose budget', () => {
  it(`shows ${MAIN_SENTENCES} sentences of a scenario in its text and the rest behind a summary`, () => {
    const sentences = narrate(fixture.results.filter((row) => row.scenario === 'echo-small'), fixture);
    expect(sentences.length).toBeGreaterThan(MAIN_SENTENCES);
    const section = html.slice(html.indexOf('id="scenario-echo-small"'), html.indexOf('id="scenario-echo-large"'));
    const text = /<p class="narrative">(.*?)<\/p>/.exec(section)![1]!;
    expect(text).toBe(sentences.slice(0, MAIN_SENTENCES).map(escapeHtml).join(' '));
    const more = /<details class="more"><summary>More on this scenario<\/summary><p>(.*?)<\/p><\/details>/.exec(section)![1]!;
    expect(more).toBe(sentences.slice(MAIN_SENTENCES).map(escapeHtml).join(' '));
  });

  it(`keeps every scenario's text within ${MAIN_SENTENCES} sentences and ${MAIN_WORDS} words (or its first sentence), every sentence said once`, () => {
    for (const scenario of scenariosIn(fixture)) {
      const sentences = narrate(fixture.results.filter((row) => row.scenario === scenario), fixture).map(escapeHtml);
      const section = html.slice(html.indexOf(`id="scenario-${scenario}"`), html.indexOf('</section>', html.indexOf(`id="scenario-${scenario}"`)));
      const main = /<p class="narrative">(.*?)<\/p>/.exec(section)![1]!;
      const more = /<details class="more"><summary>More on this scenario<\/summary><p>(.*?)<\/p><\/details>/.exec(section)?.[1] ?? '';
      expect([main, more].filter(Boolean).join(' '), scenario).toBe(sentences.join(' '));
      const shown = sentences.filter((sentence) => main.includes(sentence)).length;
      expect(shown, scenario).toBeLessThanOrEqual(MAIN_SENTENCES);
      if (shown > 1) expect(mainTextWords(main), scenario).toBeLessThanOrEqual(MAIN_WORDS);
    }
  });

  it('shows sentences while both budgets hold: a long second sentence waits with the rest, the first always shows', () => {
    const long = 'word '.repeat(12).trim() + '.';
    expect(splitNarrative(['One two.', long, 'Three.'], 3, 10)).toEqual({ main: ['One two.'], details: [long, 'Three.'] });
    expect(splitNarrative([long, 'Three.'], 3, 10)).toEqual({ main: [long], details: ['Three.'] });
    expect(splitNarrative(['a.', 'b.', 'c.', 'd.'], 3, 10)).toEqual({ main: ['a.', 'b.', 'c.'], details: ['d.'] });
    expect(splitNarrative(['a.', 'b.'], 0)).toEqual({ main: [], details: ['a.', 'b.'] });
  });

  it('puts the scoreboard first, the scenarios next, caveats and method after them', () => {
    const at = (marker: string) => html.indexOf(marker);
    expect(at('<table class="scoreboard">')).toBeGreaterThan(0);
    expect(at('<table class="scoreboard">')).toBeLessThan(at('id="scenario-echo-small"'));
    expect(at('id="scenario-open"')).toBeLessThan(at('id="method"'));
    expect(at('<ul class="caveats">')).toBeGreaterThan(at('id="method"'));
  });

  it('shows a scenario’s first chart beside its text; its other charts, its rows and their cost wait behind closed summaries', () => {
    const chart = (name: string, scenario?: string) =>
      ({ definition: { name, title: name, caption: '', build: () => null, ...(scenario ? { scenario } : {}) }, svg: `<svg id="${name}"></svg>` }) as unknown as WrittenChart;
    const page = renderPage(fixture, [chart('first', 'cpu'), chart('second', 'cpu'), chart('across')]);
    const section = page.slice(page.indexOf('id="scenario-cpu"'), page.indexOf('</section>', page.indexOf('id="scenario-cpu"')));
    const body = section.slice(section.indexOf('<div class="scenario-body">'), section.indexOf('<details class="more-charts">'));
    expect(body).toContain('<p class="narrative">');
    expect(body).toContain('<svg role="img" aria-label="first" id="first">');
    expect(body).not.toContain('id="second"');
    expect(section.slice(section.indexOf('<details class="more-charts">'))).toContain('id="second"');
    expect(section).toMatch(/<details class="rows"><summary>Every row \(\d+\)[^<]*<\/summary><div class="table-wrap"><table>/);
    expect(page.slice(page.indexOf('id="overview"'))).toMatch(/^id="overview"><h2>Across scenarios<\/h2>\n<details class="more-charts">.*id="across"/s);
    // Closed by default: the page opens short.
    expect(page).not.toMatch(/<details[^>]* open/);
  });

  it('counts the words outside <details> only', () => {
    expect(mainTextWords('one two <details><summary>x y</summary>\n\nthree four\n\n</details> five')).toBe(3);
  });
});
