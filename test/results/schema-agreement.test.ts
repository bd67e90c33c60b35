/**
 * results.json is described twice: as TypeScript (src/results/schema.ts, what the code writes and
 * reads) and as JSON Schema (src/results/results.schema.json, what a results file is checked against).
 * This test generates a JSON Schema from the TypeScript (ts-json-schema-generator) and fails where the
 * two name different fields anywhere in a row, the environment or the work record.
 */
import { readFileSync } from 'node:fs';
import { createGenerator } from 'ts-json-schema-generator';
import { describe, expect, it } from 'vitest';
import { SCENARIO_KINDS } from '../../src/scenarios/kinds.js';

type Schema = { [key: string]: unknown };

const handWritten = JSON.parse(readFileSync(new URL('../../src/results/results.schema.json', import.meta.url), 'utf8')) as Schema;
const generator = createGenerator({ path: 'src/results/schema.ts', tsconfig: 'tsconfig.json', skipTypeCheck: true, expose: 'export', topRef: false });

/** Every field path below `node` ("msgsPerSec.range", "results[].anatomy.server.roles[].cpuUs"), through $ref, allOf, oneOf and anyOf. */
function fieldPaths(node: unknown, root: Schema, prefix = '', out = new Set<string>(), depth = 0): Set<string> {
  if (typeof node !== 'object' || node === null || depth > 12) return out;
  const schema = node as Schema;
  if (typeof schema.$ref === 'string') {
    const name = decodeURIComponent(schema.$ref.replace('#/definitions/', ''));
    return fieldPaths((root.definitions as Schema)[name], root, prefix, out, depth + 1);
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    for (const part of (schema[key] as unknown[] | undefined) ?? []) fieldPaths(part, root, prefix, out, depth + 1);
  }
  const properties = (schema.properties ?? {}) as Schema;
  // A record of known keys (errors by kind) is written by hand as required names over additionalProperties.
  const names = new Set([...Object.keys(properties), ...(((schema.required as string[] | undefined) ?? []) as string[])]);
  for (const name of names) {
    const path = prefix ? `${prefix}.${name}` : name;
    out.add(path);
    fieldPaths(properties[name] ?? schema.additionalProperties, root, path, out, depth + 1);
  }
  if (schema.items) fieldPaths(schema.items, root, `${prefix}[]`, out, depth + 1);
  return out;
}

function generatedPaths(type: string): string[] {
  const schema = generator.createSchema(type) as Schema;
  return [...fieldPaths(schema, schema)].sort();
}

const handPaths = (node: unknown) => [...fieldPaths(node, handWritten)].sort();
const definition = (name: string) => (handWritten.definitions as Schema)[name];
const topProperty = (name: string) => (handWritten.properties as Schema)[name];

describe('results.schema.json and src/results/schema.ts', () => {
  it.each([
    ['a row', 'ResultRow', () => definition('row')],
    ['the environment', 'Environment', () => topProperty('env')],
    ['the work record', 'WorkRecord', () => topProperty('work')],
  ])('name the same fields in %s', (_what, type, hand) => {
    expect(handPaths(hand())).toEqual(generatedPaths(type));
  });
});

describe("a row's kind", () => {
  it('is one of the kinds the scenarios layer knows, in results.schema.json too', () => {
    const row = definition('row') as { properties: { kind: { enum: string[] } } };
    expect([...row.properties.kind.enum].sort()).toEqual(Object.keys(SCENARIO_KINDS).sort());
  });
});
