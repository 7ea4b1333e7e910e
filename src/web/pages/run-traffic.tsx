import { trafficText, type NightTraffic } from '../../shared/night-traffic.ts';

/** A crawl run's requests and where they went, from its stored summary (runs from before the count, or running, show none). */
export function runTraffic(statsJson: string | null): { requests: number | null; text: string | null } {
  let s: { requests?: number; traffic?: NightTraffic } = {};
  try {
    s = JSON.parse(statsJson ?? '{}') as typeof s;
  } catch {
    // a summary written by a crash halfway: shown as none
  }
  return { requests: s.requests ?? null, text: s.traffic ? trafficText(s.traffic) : null };
}
