// What the report page says the promise page should tell on arrival: the occasion just
// reported, as the API answered. Kept for one arrival (a reload of the promise page, which
// still has `?rapporterat` in its address, says only that an occasion was reported).
export type Reported = { promiseId: string; occurredOn: string; area: string | null; counted: boolean };

let last: Reported | null = null;

export function rememberReport(report: Reported): void {
  last = report;
}

/** The report just made for `promiseId`, once. */
export function takeReport(promiseId: string): Reported | null {
  const report = last?.promiseId === promiseId ? last : null;
  last = null;
  return report;
}
