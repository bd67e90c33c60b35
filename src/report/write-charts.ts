/** Draws every chart that has data in the run into <run>/charts/, as SVG and PNG. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResultsFile } from '../results/schema.js';
import { CHARTS } from './charts/index.js';
import { framedChart, type ChartDefinition } from './charts/spec.js';
import { renderPng, renderSvg } from './render.js';

export interface WrittenChart {
  definition: ChartDefinition;
  subtitle: string;
  svg: string;
  svgPath: string;
  pngPath: string;
  /** vega-lite / vega warnings while drawing: a chart with warnings may be wrong. */
  warnings: string[];
}

export async function writeCharts(results: ResultsFile, runDir: string): Promise<WrittenChart[]> {
  const dir = path.join(runDir, 'charts');
  await mkdir(dir, { recursive: true });
  const written: WrittenChart[] = [];
  for (const definition of CHARTS) {
    const built = definition.build(results);
    if (built === null) continue;
    const spec = framedChart(definition.title, built, results);
    const { svg, warnings } = await renderSvg(spec, definition.name);
    const svgPath = path.join(dir, `${definition.name}.svg`);
    const pngPath = path.join(dir, `${definition.name}.png`);
    await writeFile(svgPath, svg);
    await writeFile(pngPath, renderPng(svg));
    written.push({ definition, subtitle: built.subtitle, svg, svgPath, pngPath, warnings });
  }
  // A chart drawn by an earlier report of this run, and not now (renamed, cut, or no data), would outlive it beside the page.
  const current = new Set(written.flatMap((chart) => [chart.svgPath, chart.pngPath]));
  for (const file of await readdir(dir)) {
    if (/\.(svg|png)$/.test(file) && !current.has(path.join(dir, file))) await rm(path.join(dir, file));
  }
  return written;
}
