/**
 * results.json as JSON.stringify(value, null, 2) lays it out, except that an array of numbers, strings,
 * booleans and nulls stays on one line: a time series' hundreds of figures cost a line, not one each.
 */
export function compactJson(value: unknown): string {
  return layout(value, '');
}

const isScalar = (item: unknown) => item === null || ['number', 'string', 'boolean'].includes(typeof item);

function layout(value: unknown, indent: string): string {
  // toJSON and undefined are handled as JSON.stringify handles them.
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) return JSON.stringify(value);
    return `[\n${value.map((item) => `${inner}${item === undefined ? 'null' : layout(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== 'function');
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${layout(item, inner)}`).join(',\n')}\n${indent}}`;
}
