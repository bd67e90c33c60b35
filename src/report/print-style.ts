/** The page on paper, last in the page's CSS so it wins over every screen rule (the scoreboard's included). */
export const PRINT_CSS = `
/* Every table within the page's width (headers and cells wrap, smaller type), folded parts printed open. */
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; margin-top: 16px; }
  .scenario-body { display: block; }
  .table-wrap { overflow: visible; }
  table, table.scoreboard { width: 100%; table-layout: auto; font-size: 7px; }
  table.scoreboard .ratio, table.scoreboard th .figure { font-size: 6px; }
  th, td, table.scoreboard td, table.scoreboard tbody th { white-space: normal; overflow-wrap: anywhere; padding: 1px 2px; position: static; }
  figure, tr { break-inside: avoid; }
  /* The rank shades and model swatches carry meaning: printed as on screen. */
  table.scoreboard td, .swatch { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  details::details-content { content-visibility: visible; display: contents; }
  details > summary { display: none; }
}
`;
