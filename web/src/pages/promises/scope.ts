// An activity's compliance cells laid out
// as rows (an area, a place or the whole municipality) by columns (years), and the next status
// of a promise: what the promise page shows, kept apart from the markup so it reads plainly.
import type { CellStatus, CellUnit, PromiseStatus } from '../../gql/graphql';
import { t } from '../../i18n';

export type Cell = {
  unit: CellUnit;
  areaId?: string | null;
  label: string;
  year: number;
  from: string;
  to: string;
  done: number;
  required?: number | null;
  status: CellStatus;
};

export type Grid<C extends Cell> = {
  years: number[];
  rows: { key: string; label: string; cells: Map<number, C> }[];
};

/**
 * Cells per area, place or the whole as rows, one column per year. A place the reader may not
 * see has no name: such places are told apart by their order within a year (the API lists a
 * year's places in the same order every year).
 */
export function grid<C extends Cell>(cells: readonly C[]): Grid<C> {
  const years = [...new Set(cells.map((c) => c.year))].sort((a, b) => a - b);
  const rows: Grid<C>['rows'] = [];
  const byKey = new Map<string, Grid<C>['rows'][number]>();
  const hiddenInYear = new Map<number, number>();
  for (const cell of cells) {
    let key: string;
    let label: string;
    if (cell.unit === 'WHOLE') {
      key = 'whole';
      label = t('promise.unit.WHOLE');
    } else if (cell.areaId) {
      key = `area:${cell.areaId}`;
      label = cell.label;
    } else if (cell.label) {
      key = `label:${cell.label}`;
      label = cell.label;
    } else {
      const n = (hiddenInYear.get(cell.year) ?? 0) + 1;
      hiddenInYear.set(cell.year, n);
      key = `hidden:${n}`;
      label = t('promise.hiddenPlace', { n: String(n) });
    }
    let row = byKey.get(key);
    if (!row) {
      row = { key, label, cells: new Map() };
      byKey.set(key, row);
      rows.push(row);
    }
    row.cells.set(cell.year, cell);
  }
  return { years, rows };
}

/** A fortnightly (or other) scope's runs counted by status, and the runs it missed. */
export function runs<C extends Cell>(cells: readonly C[]): { met: number; missed: C[]; atRisk: number; open: number } {
  return {
    met: cells.filter((c) => c.status === 'MET').length,
    missed: cells.filter((c) => c.status === 'MISSED'),
    atRisk: cells.filter((c) => c.status === 'AT_RISK').length,
    open: cells.filter((c) => c.status === 'OPEN').length,
  };
}

/** The status a promise moves to next; null once closed. */
export function nextStatus(status: PromiseStatus): PromiseStatus | null {
  const order: PromiseStatus[] = ['DRAFT', 'SIGNED', 'IN_PROGRESS', 'FOLLOWED_UP', 'CLOSED'];
  return order[order.indexOf(status) + 1] ?? null;
}

/** Today in Sweden as YYYY-MM-DD (a date read once, not state). */
export function swedishToday(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}
