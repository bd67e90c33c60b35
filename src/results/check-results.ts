/**
 * Checking a parsed results.json against its JSON Schema (results.schema.json, by ajv) before anything
 * is drawn from it: the first bad field is named by its path, so a truncated or foreign file gives one
 * clear line, such as "results[3].msgsPerSec.median must be a number".
 */
import { rowFromFile } from './unmeasured-throughput.js';
import { Ajv, type ErrorObject } from 'ajv';
import resultsSchema from './results.schema.json' with { type: 'json' };
import { RESULTS_SCHEMA, type ResultsFile } from './schema.js';

export class ResultsShapeError extends Error {
  override name = 'ResultsShapeError';
}

// allowUnionTypes: the schema says "number or null" as ["number", "null"].
const conforms = new Ajv({ allowUnionTypes: true }).compile<ResultsFile>(resultsSchema);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A JSON pointer (/results/3/msgsPerSec/median) as a reader writes the path: results[3].msgsPerSec.median. */
function fieldPath(pointer: string, last?: string): string {
  const segments = pointer.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (last !== undefined) segments.push(last);
  return segments.reduce((path, segment) => {
    if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
    if (!IDENTIFIER.test(segment)) return `${path}[${JSON.stringify(segment)}]`;
    return path === '' ? segment : `${path}.${segment}`;
  }, '');
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  integer: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** One line for ajv's first error; ajv's own wording where it is already plain. */
function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${fieldPath(error.instancePath, String(params.missingProperty))} is missing`;
  const field = fieldPath(error.instancePath) || 'the top level';
  switch (error.keyword) {
    case 'type':
      return `${field} must be ${[params.type].flat().map((type) => TYPE_NAMES[String(type)] ?? type).join(' or ')}`;
    case 'enum':
      return `${field} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `${field} must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${field} ${error.message ?? `fails ${error.keyword}`}`;
  }
}

/** Returns the value typed as a results file, or throws ResultsShapeError naming the first bad field. */
export function checkResults(value: unknown): ResultsFile {
  // Another version's file differs in many places: say which version, not its first difference.
  const schema = typeof value === 'object' && value !== null ? (value as { schema?: unknown }).schema : undefined;
  if (typeof schema === 'string' && schema !== RESULTS_SCHEMA) {
    throw new ResultsShapeError(`schema is ${JSON.stringify(schema)}, this version reads ${RESULTS_SCHEMA}`);
  }
  if (conforms(value)) return { ...value, results: value.results.map(rowFromFile) };
  throw new ResultsShapeError(describe(conforms.errors![0]!));
}
