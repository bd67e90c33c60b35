/** A flag's comma-separated list ("a, b,c"): its items trimmed, empty ones dropped, so a stray comma is harmless. */
export function commaList(raw: string): string[] {
  return raw.split(',').map((item) => item.trim()).filter(Boolean);
}
