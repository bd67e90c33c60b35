/** A memory size in the unit it reads best in: 3.1 KiB, 9.2 MiB, 24 GiB (what one connection costs ranges over all three). */
import { ABSENT, num } from './format.js';

export function memorySize(bytes: number | null): string {
  if (bytes === null) return ABSENT;
  const magnitude = Math.abs(bytes);
  if (magnitude < 1024 ** 2) return `${num(bytes / 1024)} KiB`;
  if (magnitude < 1024 ** 3) return `${num(bytes / 1024 ** 2)} MiB`;
  return `${num(bytes / 1024 ** 3)} GiB`;
}
