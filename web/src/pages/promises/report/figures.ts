// The figures of one scope, arranged to be read: a table per area and year, places summed
// per year (never named unless the reader may see the names), runs of weeks counted per
// year with the missed ones as dates. Pure functions over the API's cells.
import type { CellStatus, ComplianceFiguresFragment, ScopeWordsFragment } from '../../../gql/graphql';

/** An activity as the follow-up tells it, from the signed-in promise or the public one. */
export type ActivityView = {
  id: string;
  text: string;
  responsible: string[];
  responsibleUnit: string | null;
  periodFrom: string;
  periodTo: string;
  followUpOn: string;
  scopes: ScopeWordsFragment[];
  /** Kept off the public page (the report marks it). */
  internal?: boolean;
};

/** What one partner says about an activity. */
export type NarrativeView = {
  organisation: string;
  narrative: string;
  nextSteps: string;
  /** Kept off the public page (the report marks it). */
  internal?: boolean;
};

export type ActivityFigures = ComplianceFiguresFragment['activities'][number];
export type ScopeFigures = ActivityFigures['scopes'][number];
export type Cell = ScopeFigures['cells'][number];

/** The years the cells cover, in order. */
export function yearsOf(cells: Cell[]): number[] {
  return [...new Set(cells.map((c) => c.year))].sort((a, b) => a - b);
}

/** Rows of a labelled matrix (areas, or places a reader may see named): one per label, a cell per year. */
export function byLabel(cells: Cell[]): { label: string; years: Map<number, Cell> }[] {
  const rows: { label: string; years: Map<number, Cell> }[] = [];
  for (const cell of cells) {
    let row = rows.find((r) => r.label === cell.label);
    if (!row) {
      row = { label: cell.label, years: new Map() };
      rows.push(row);
    }
    row.years.set(cell.year, cell);
  }
  return rows;
}

/** The states a summed row counts, in the order they are told. */
export const TALLIED: readonly CellStatus[] = ['MET', 'MISSED', 'AT_RISK', 'OPEN'];

export type Tally = { cells: number; done: number; required: number; counts: Record<CellStatus, number> };

/** The cells of one year summed: how many, what was done against required, how many in each state. */
export function tally(cells: Cell[]): Tally {
  const counts: Record<CellStatus, number> = { MET: 0, MISSED: 0, AT_RISK: 0, OPEN: 0, UPCOMING: 0, COUNTED: 0 };
  let done = 0;
  let required = 0;
  for (const c of cells) {
    // A year not begun is told with the open ones ("pågår" or to come).
    counts[c.status === 'UPCOMING' ? 'OPEN' : c.status] += 1;
    done += c.done;
    required += c.required ?? 0;
  }
  return { cells: cells.length, done, required, counts };
}

/** Whether an open run has begun (`today` within it) rather than still to come. */
export function running(cell: Cell, today: string): boolean {
  return cell.from <= today && today <= cell.to;
}

/** The day after `date` (YYYY-MM-DD). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Missed runs as periods: runs that follow one another are joined into one period. */
export function missedPeriods(cells: Cell[]): { from: string; to: string; runs: number }[] {
  const periods: { from: string; to: string; runs: number }[] = [];
  for (const c of cells.filter((x) => x.status === 'MISSED').sort((a, b) => a.from.localeCompare(b.from))) {
    const last = periods.at(-1);
    if (last && nextDay(last.to) === c.from) {
      last.to = c.to;
      last.runs += 1;
    } else {
      periods.push({ from: c.from, to: c.to, runs: 1 });
    }
  }
  return periods;
}
