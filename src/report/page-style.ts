/** The report page's CSS, inlined so the page opens from disk with no network. */
export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #555; --rule: #ddd; --warn: #fff6e0; --warn-edge: #e6a700; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1320px; padding: 24px 24px 64px; font: 15px/1.5 "DejaVu Sans", Verdana, system-ui, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 28px 0 8px; padding-top: 10px; border-top: 1px solid var(--rule); }
h3 { font-size: 16px; margin: 20px 0 6px; }
p, li { max-width: 80ch; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
.caveats { background: var(--warn); border-left: 4px solid var(--warn-edge); padding: 8px 20px; margin: 16px 0; }
.caveats li { margin: 4px 0; }
.narrative { font-size: 16px; }
.tradeoffs { padding-left: 1.2em; }
.tradeoffs li { margin: 3px 0; max-width: 120ch; }
figure { margin: 20px 0 28px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 14px; max-width: 90ch; margin-top: 6px; }
figcaption a { color: inherit; }
figcaption { display: flex; flex-wrap: wrap; gap: 0 16px; align-items: baseline; }
figcaption details.how[open] { flex-basis: 100%; order: 1; }
figcaption details.how p { margin: 4px 0; }
.chart-note { color: var(--muted); font-size: 13px; }
figcaption { font-size: 13px; }
/* A scenario's text beside its first chart where the chart fits at its own size beside it, above it where not (charts are never shrunk to fit a screen that has room). */
.scenario-body { display: flex; flex-wrap: wrap; gap: 0 28px; align-items: flex-start; }
.scenario-text { flex: 1 1 300px; min-width: 0; }
.scenario-body figure { flex: 0 0 auto; max-width: 100%; margin: 4px 0 8px; }
/* A phone: narrower margins, and a long model name wraps so its sticky column leaves room for the figures. */
@media (max-width: 600px) {
  body { padding: 12px 12px 48px; }
  h1 { font-size: 20px; }
  th:first-child, td:first-child, table.scoreboard tbody th { white-space: normal; min-width: 6em; max-width: 9em; }
}
details > summary { cursor: pointer; color: var(--muted); }
.folds { display: flex; flex-wrap: wrap; gap: 0 24px; align-items: baseline; }
.folds > details { min-width: 0; max-width: 100%; }
.folds > details[open] { flex-basis: 100%; }
details.rows, details.cost, details.more-charts, details.env, details.board-notes, details.intro { margin: 6px 0; }
a.full-size { display: block; cursor: zoom-in; }
.table-wrap { overflow-x: auto; }
/* The model column stays in sight while a wide table scrolls sideways. */
th:first-child, td:first-child { position: sticky; left: 0; z-index: 1; background: #fff; }
thead th:first-child { background: #f4f4f6; }
/* Tables fit the column: figures never wrap (each row one line), headers wrap between words instead. */
table { border-collapse: collapse; font-size: 12px; margin: 8px 0 4px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--rule); padding: 3px 5px; text-align: right; white-space: nowrap; vertical-align: top; }
th { background: #f4f4f6; cursor: help; white-space: normal; vertical-align: bottom; }
th:first-child, td:first-child, td.marks, td.text { text-align: left; }
td.marks a { color: #8a4b00; text-decoration: none; }
.mark-notes { margin: 4px 0 16px; padding-left: 2.5em; font-size: 13px; color: #8a4b00; }
.mark-notes li::marker { content: "[" counter(list-item) "] "; }
.tag { font-size: 11px; line-height: 1; padding: 0 5px; border-radius: 3px; background: #fde7c2; color: #7a3e00; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 6px; border-radius: 2px; vertical-align: baseline; }
dl.env { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 16px; }
dl.env dt { color: var(--muted); }
dl.env dd { overflow-wrap: anywhere; }
dl.env dd { margin: 0; }
code.options { font-size: 13px; }
code { background: #f4f4f6; padding: 0 4px; border-radius: 3px; }
`;
