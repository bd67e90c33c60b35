/** Checks that a string is one well-formed SVG document: parsed by resvg (a real XML/SVG parser) and tags balanced. */
import { Resvg } from '@resvg/resvg-js';

export function assertWellFormedSvg(svg: string): void {
  if (!/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(svg)) throw new Error('does not start with an <svg xmlns=...> root');
  if (!svg.trimEnd().endsWith('</svg>')) throw new Error('does not end with </svg>');
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)(?:\s[^>]*?)?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (!closing) stack.push(name!);
    else if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
  }
  if (stack.length !== 0) throw new Error(`unclosed <${stack.at(-1)}>`);
  new Resvg(svg); // throws on XML or SVG it cannot parse
}
