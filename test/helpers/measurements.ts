/**
 * What a reliability test measured, printed on a `reliability …` line and appended as JSON to
 * test-artifacts/reliability.jsonl, from which `npm run readme` renders the README's table: the
 * figures there come from a test run, never from typing.
 */
import { appendFileSync, mkdirSync } from 'node:fs';

const MEASUREMENTS_FILE = new URL('../../test-artifacts/reliability.jsonl', import.meta.url);

export function recordMeasurement(test: string, fields: Record<string, string | number | boolean>): void {
  console.log(`reliability ${test} ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  mkdirSync(new URL('.', MEASUREMENTS_FILE), { recursive: true });
  appendFileSync(MEASUREMENTS_FILE, `${JSON.stringify({ test, at: new Date().toISOString(), ...fields })}\n`);
}
