/**
 * When an open-loop load held its offered rate: its answers came back at 99 % of it or more. The
 * rows' rate-shortfall mark, the capacity search's judge and the generator's schedule target read
 * the rule here, so a row the tables mark short is one the search fails and the generator's promise
 * does not cover.
 */
export const ACHIEVED_SHARE = 0.99;

/** Whether `achievedPerSec` held `offeredPerSec` (msgs/s both). */
export function heldRate(achievedPerSec: number, offeredPerSec: number): boolean {
  return achievedPerSec >= ACHIEVED_SHARE * offeredPerSec;
}

/** The share as the page says it: "99 %". */
export const ACHIEVED_SHARE_TEXT = `${Math.round(ACHIEVED_SHARE * 100)} %`;
