/** The scoreboard's CSS: one shade per rank step (a single hue, so it reads in greyscale and with colour-vision deficiencies). */
export const SCOREBOARD_CSS = `
table.scoreboard { font-size: 13px; margin-top: 4px; }
/* The ratio under its figure: nine scenario columns and the model fit a 1,280 px screen. */
table.scoreboard th { cursor: default; text-align: center; }
table.scoreboard th a { color: inherit; }
table.scoreboard th .figure { font-weight: normal; color: var(--muted); font-size: 11px; }
table.scoreboard tbody th { text-align: left; background: #fff; font-weight: 600; white-space: nowrap; position: sticky; left: 0; }
table.scoreboard td { padding: 3px 6px; white-space: nowrap; text-align: right; vertical-align: top; }
table.scoreboard tbody th { vertical-align: top; }
table.scoreboard .ratio { display: block; font-size: 11px; opacity: 0.8; }
table.scoreboard .mark { margin-left: 3px; font-weight: bold; color: #7a3e00; }
td.shade-0 { background: #08519c; color: #fff; }
td.shade-1 { background: #3182bd; color: #fff; }
td.shade-2 { background: #9ecae1; }
td.shade-3 { background: #c6dbef; }
td.shade-4 { background: #eff3ff; }
td.shade-0 .mark, td.shade-1 .mark { color: #ffd27a; }
td.unranked { color: var(--muted); }
td.not-run { color: #bbb; text-align: center; }
.board-note, .board-marks { font-size: 13px; color: var(--muted); margin: 4px 0; }
.board-marks { padding-left: 1.2em; }
.board-marks .mark { color: #7a3e00; font-weight: bold; }
details.more { margin: 4px 0 12px; }
details.more summary { cursor: pointer; color: var(--muted); }
/* A phone: a long server name ("worker --thread-cache 64") wraps in its sticky column instead of running over the cells. */
@media (max-width: 600px) {
  table.scoreboard tbody th { white-space: normal; min-width: 6em; max-width: 9em; }
}
`;
