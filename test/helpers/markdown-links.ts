/**
 * The links of a Markdown page and which of them lead nowhere: enough Markdown for the project's own
 * pages (inline links and images, ATX headings, code spans and fenced blocks), not a full parser.
 */
import { dirname, resolve } from 'node:path';

/** A link whose file or heading is missing. */
export interface BrokenLink {
  target: string;
  file: string;
  anchor: string;
  reason: 'no such file' | 'no such heading';
}

/** The page without fenced code blocks and code spans, where brackets are text, not links. */
function prose(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The target of every inline link and image, in page order. */
export function markdownLinks(text: string): string[] {
  return [...prose(text).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every heading's anchor; a repeated heading gets -1, -2, … as GitHub numbers them. */
function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutBlocks = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, heading] of withoutBlocks.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(heading!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/**
 * The relative links of `page` (its path, and its text) whose file does not exist, or whose
 * `#anchor` names no heading of the Markdown page it points at. Links with a scheme are not checked.
 */
export function brokenLinks(
  page: string,
  text: string,
  io: { exists: (file: string) => boolean; read: (file: string) => string },
): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const target of markdownLinks(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [path = '', anchor = ''] = target.split('#', 2);
    const file = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
    if (!io.exists(file)) {
      broken.push({ target, file, anchor, reason: 'no such file' });
      continue;
    }
    if (anchor === '' || !file.endsWith('.md')) continue;
    const anchors = headingAnchors(file === page ? text : io.read(file));
    if (!anchors.has(decodeURIComponent(anchor).toLowerCase())) broken.push({ target, file, anchor, reason: 'no such heading' });
  }
  return broken;
}
