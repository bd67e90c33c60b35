/**
 * The report page: one self-contained HTML file (inline SVG charts and CSS, no scripts, no network)
 * that a newcomer can read without the code: what was run, what it showed, and how far to trust it.
 */
import { COST_COLUMNS, costRows } from '../results/cost-columns.js';
import type { ResultRow, ResultsFile } from '../results/schema.js';
import { caveats } from './caveats.js';
import { andList, mebibytes } from '../results/format.js';
import { escapeHtml as esc } from './html-escape.js';
import { MODEL_SUMMARIES, type ModelId } from '../models/ids.js';
import { MODEL_COLOURS, modelsIn } from './model-colours.js';
import { rowMarks, rowStatus } from '../results/row-status.js';
import { narrate } from './narrative/index.js';
import { PAGE_CSS } from './page-style.js';
import { PRINT_CSS } from './print-style.js';
import { declarationOf, rowsOf, scenariosIn } from './rows.js';
import { describeScenario } from './scenario-notes.js';
import { externalServer, externalTarget } from './target.js';
import { columnsFor } from './table-rows.js';
import { markNotes } from './mark-notes.js';
import type { WrittenChart } from './write-charts.js';
import { SCOREBOARD_CHART } from './scoreboard/chart.js';
import { scoreboardHtml } from './scoreboard/html.js';
import { scoreboard } from './scoreboard/scoreboard.js';
import { SCOREBOARD_CSS } from './scoreboard/style.js';
import { MAIN_SENTENCES, MAIN_WORDS, splitNarrative } from './prose-budget.js';
import { tradeoffs } from './tradeoffs/index.js';
import { tradeoffsHtml } from './tradeoffs/html.js';

/** A chart at its own size (shrunk only on a narrow screen, where the drawing links to its SVG at full size); how to read it, one open away. */
function figure(chart: WrittenChart): string {
  const name = chart.definition.name;
  const svg = chart.svg.replace('<svg ', `<svg role="img" aria-label="${esc(chart.definition.title)}" `);
  const links = `<a href="charts/${name}.svg">full size (SVG)</a> · <a href="charts/${name}.png">PNG</a>`;
  return (
    `<figure id="chart-${name}" class="chart"><a class="full-size" href="charts/${name}.svg" title="open full size">${svg}</a>` +
    `<figcaption><details class="how"><summary>How to read this chart</summary><p>${esc(chart.definition.caption)}</p></details><span class="links">${links}</span></figcaption></figure>`
  );
}

/** Secondary charts behind a closed summary that names them: the page's height goes to the first chart of each scenario. */
function moreFigures(charts: readonly WrittenChart[], summary: string): string {
  if (charts.length === 0) return '';
  return `<details class="more-charts"><summary>${esc(summary)}: ${esc(charts.map((chart) => chart.definition.title).join(' · '))}</summary>\n${charts.map(figure).join('\n')}\n</details>`;
}

function swatch(row: ResultRow): string {
  return `<span class="swatch" style="background:${MODEL_COLOURS[row.model]}"></span>`;
}

/** The row's status beside the model name, where the eye starts; the marks column at the end explains it. */
function statusTag(row: ResultRow): string {
  const status = rowStatus(row);
  return status === 'measured' ? '' : ` <span class="tag" title="${esc(rowMarks(row).join('; '))}">${esc(status)}</span>`;
}

/** One line per row: the marks column holds note numbers, the notes under the table say them in full. */
function table(rows: readonly ResultRow[], scenario: string): string {
  const columns = columnsFor(rows);
  const notes = markNotes(rows, `scenario-${scenario}`);
  const head = columns.map((column) => `<th title="${esc(column.help)}">${esc(column.header)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = columns.map((column, i) => {
        if (i === 0) return `<td>${swatch(row)}${esc(column.cell(row))}${statusTag(row)}</td>`;
        if (column.header === 'marks') return `<td class="marks">${notes.refs(row)}</td>`;
        return `<td>${esc(column.cell(row))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const summary = `Every row (${rows.length})${notes.list ? ', with its marks' : ''}`;
  return `<details class="rows"><summary>${summary}</summary><div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>${notes.list}</details>`;
}

/** The cost of one message per row (results/cost-columns.ts), behind a summary: the anatomy a reader opens to see why. */
function costTable(rows: readonly ResultRow[]): string {
  const cost = costRows(rows);
  if (!cost) return '';
  const head = COST_COLUMNS.map((column) => `<th title="${esc(column.help)}">${esc(column.header)}</th>`).join('');
  const body = cost.rows.map((row) => `<tr>${COST_COLUMNS.map((column, i) => `<td>${i === 0 ? swatch(row) : ''}${esc(column.cell(row))}</td>`).join('')}</tr>`).join('\n');
  // The title's parenthesis (how it was counted) opens with the table: the summary stays one short line.
  const cut = cost.title.indexOf(' (');
  const [summary, how] = cut < 0 ? [cost.title, ''] : [cost.title.slice(0, cut), cost.title.slice(cut + 2, -1)];
  return `<details class="cost"><summary>${esc(summary)}</summary>${how ? `<p class="chart-note">${esc(how)}</p>` : ''}<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div></details>`;
}

/** Options as one JSON line with spaces after separators, so it wraps in the column instead of widening the page. */
function optionsText(options: ResultsFile['options']): string {
  return JSON.stringify(options, null, 1).replace(/\n\s*/g, ' ');
}

function environment(results: ResultsFile): string {
  const { env } = results;
  const entries: [string, string][] = [
    ['Run', `${results.runId}${results.complete ? '' : ' (incomplete)'}`],
    ['Date', env.date],
    ['CPU', `${env.cpuModel}, ${env.cores} core(s)`],
    ['Memory', mebibytes(env.memoryBytes)],
    ['Node.js', env.node],
    ['Kernel', `${env.kernel} (${env.platform})`],
    ['Placement', env.placement.note],
    ['Git commit', env.gitCommit ? `${env.gitCommit}${env.gitDirty ? ' (with uncommitted changes)' : ''}` : 'unknown'],
  ];
  const rows = entries.map(([key, value]) => `<dt>${esc(key)}</dt><dd>${esc(value)}</dd>`);
  rows.push(`<dt>Options</dt><dd><code class="options">${esc(optionsText(results.options))}</code></dd>`);
  return `<dl class="env">${rows.join('')}</dl>`;
}

/** The page's opening: which servers this run compared (from the run, not from today's model list). */
function intro(results: ResultsFile): string {
  const models = modelsIn(results.results).filter((m): m is ModelId => m !== 'external');
  const servers = models.map((model) => `<b>${esc(model)}</b> (${esc(MODEL_SUMMARIES[model])})`);
  const target = externalTarget(results);
  const external = target ? [`${esc(externalServer(target))}, which the harness neither started nor measured`] : [];
  const list = [...servers, ...external];
  const listed = andList(list) || 'no server';
  return (
    `This run compared ${list.length === 1 ? 'one server' : `${list.length} servers`} implementing the same TCP echo service ` +
    `(every byte sent comes back unchanged): ${listed}. ` +
    'A load generator in separate processes drove the same load at each and checked every echoed byte. ' +
    '<b>msgs/s</b> is messages echoed per second; <b>latency</b> is the round trip of one message (p50 = median, ' +
    'p99 = 99 % of messages were faster); ' +
    (results.results.some((row) => row.server !== null)
      ? 'the server’s CPU, memory, processes and threads were sampled from /proc. '
      : 'the server’s CPU, memory, processes and threads were not measured. ') +
    'Each model has the same colour in every chart and table.'
  );
}

/** The first sentences in the text, the rest behind a summary a reader opens for the detail. */
function narrativeHtml(sentences: readonly string[]): string {
  const { main, details } = splitNarrative(sentences, MAIN_SENTENCES, MAIN_WORDS);
  const more = details.length === 0 ? '' : `\n<details class="more"><summary>More on this scenario</summary><p>${details.map(esc).join(' ')}</p></details>`;
  return `<p class="narrative">${main.map(esc).join(' ')}</p>${more}`;
}

/** The scenario's text beside its first chart; every other chart, its rows and their cost one open away. */
function scenarioSection(scenario: string, results: ResultsFile, charts: readonly WrittenChart[]): string {
  const rows = rowsOf(results.results, scenario);
  const sentences = narrate(rows, results);
  const [first, ...rest] = charts.filter((chart) => chart.definition.scenario === scenario);
  return [
    `<section id="scenario-${esc(scenario)}" class="scenario"><h2>${esc(scenario)}</h2>`,
    `<p class="subtitle">${esc(describeScenario(declarationOf(results, scenario), rows))}</p>`,
    '<div class="scenario-body"><div class="scenario-text">',
    narrativeHtml(sentences),
    '</div>',
    first ? figure(first) : '',
    '</div>',
    // The folded parts side by side while closed: one line of summaries, not three.
    `<div class="folds">${[moreFigures(rest, 'More charts'), table(rows, scenario), costTable(rows)].filter(Boolean).join('\n')}</div>`,
    '</section>',
  ].join('\n');
}

export function renderPage(results: ResultsFile, charts: readonly WrittenChart[]): string {
  const scenarios = scenariosIn(results);
  const boardChart = charts.filter((chart) => chart.definition.name === SCOREBOARD_CHART);
  const overview = charts.filter((chart) => chart.definition.name !== SCOREBOARD_CHART && (!chart.definition.scenario || !scenarios.includes(chart.definition.scenario)));
  const target = externalTarget(results);
  const title = `echolab benchmark report: ${results.runId}${target ? `, ${externalServer(target)}` : ''}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${PAGE_CSS}${SCOREBOARD_CSS}${PRINT_CSS}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="subtitle">${esc(results.env.date)} · ${esc(results.env.cpuModel)}, ${results.env.cores} core(s) · Node ${esc(results.env.node)}${results.complete ? '' : ' · <b>incomplete run</b>'}</p>
<section id="summary">
${scoreboardHtml(scoreboard(results))}
<p><a href="#tradeoffs">tradeoffs</a> · Scenarios: ${scenarios.map((s) => `<a href="#scenario-${esc(s)}">${esc(s)}</a>`).join(' · ')} · ${overview.length === 0 ? '' : '<a href="#overview">across scenarios</a> · '}<a href="#method">caveats and method</a> · <a href="#environment">environment</a></p>
${boardChart.map(figure).join('\n')}
</section>
${tradeoffsHtml(tradeoffs(results))}
${scenarios.map((scenario) => scenarioSection(scenario, results, charts)).join('\n')}
${overview.length === 0 ? '' : `<section id="overview"><h2>Across scenarios</h2>\n${moreFigures(overview, 'Charts across scenarios')}\n</section>`}
<section id="method"><h2>Caveats and method</h2>
<details class="intro"><summary>What was run, and what msgs/s and latency mean</summary><p>${intro(results)}</p></details>
<ul class="caveats">${caveats(results).map((text) => `<li>${esc(text)}</li>`).join('\n')}</ul>
</section>
<section id="environment"><h2>Environment</h2>
<details class="env"><summary>${esc(results.env.cpuModel)}, ${results.env.cores} core(s), Node ${esc(results.env.node)}: the machine, the run's options and its commit</summary>
${environment(results)}
</details>
<p>Generated from <a href="results.json">results.json</a> by <code>npm run report -- &lt;run directory&gt;</code>; every figure on this page is read from that file.</p>
</section>
</body>
</html>
`;
}
