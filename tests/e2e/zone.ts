/**
 * A fixed-offset zone where it is around midday now, for the backend and the browser alike: calling hours (09:00–20:30
 * local) then allow calls whenever the suite runs, so journeys do not depend on the hour of the CI run. One zone for
 * the whole run (the config chooses it and its workers inherit it): the app runs its backend and its window on one
 * machine, in one zone, and a call-back typed in the window is judged on the backend's clock.
 */
export function e2eZone(now = new Date()): string {
  if (process.env.RD_E2E_ZONE) return process.env.RD_E2E_ZONE;
  let offset = 13 - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  // POSIX-style Etc zones count the other way round: Etc/GMT-8 is UTC+8.
  process.env.RD_E2E_ZONE = offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  return process.env.RD_E2E_ZONE;
}
