/**
 * What `catch` and a rejection hand over is `unknown`: an Error as it is, anything else wrapped in
 * one. Typed as Node's system error, whose `code` (ENOENT, EPERM...) is optional, so callers read it
 * without a cast.
 */
export function toError(value: unknown): NodeJS.ErrnoException {
  return value instanceof Error ? value : new Error(String(value));
}
