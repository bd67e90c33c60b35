/**
 * Rendering a chart spec: vega-lite compiles it to vega, vega draws it headless to SVG (text measured
 * from a table of font widths, no canvas needed), and resvg rasterises the SVG to PNG for places that
 * cannot show SVG. Warnings from either library are collected, not printed: tests assert none.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { logger, parse, View, Warn } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VlSpec } from './charts/spec.js';
import { useDejaVuWidths } from './text-width.js';

/** Debian's fonts-dejavu-core: passed by path too, so the PNG has text even if fontconfig finds nothing. */
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export interface RenderedSvg {
  svg: string;
  warnings: string[];
}

function collectingLogger(warnings: string[]) {
  return logger(Warn, 'warn', (_method, _level, args) => {
    warnings.push(args.map(String).join(' '));
  });
}

/**
 * Element ids (clip paths, gradients) made unique per chart: several SVGs inlined in one
 * page share one id space, and vega numbers its ids from 1 in every process.
 */
function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

export async function renderSvg(spec: VlSpec, idPrefix: string): Promise<RenderedSvg> {
  useDejaVuWidths();
  const warnings: string[] = [];
  const log = collectingLogger(warnings);
  const vegaSpec = compile(spec as unknown as TopLevelSpec, { logger: log }).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none', logger: log, logLevel: Warn });
  try {
    const svg = await view.toSVG();
    return { svg: prefixIds(svg, idPrefix), warnings };
  } finally {
    view.finalize();
  }
}

/** A PNG at twice the SVG's size, for READMEs and chat. */
export function renderPng(svg: string): Buffer {
  // Scanning the system's fonts costs resvg about 0.2 s a chart: only without DejaVu's file.
  const dejaVu = existsSync(DEJAVU);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
    font: {
      loadSystemFonts: !dejaVu,
      fontFiles: dejaVu ? [DEJAVU] : [],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
