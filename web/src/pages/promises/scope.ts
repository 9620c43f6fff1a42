// An activity's compliance cells laid out
// as rows (an area, a place or the whole municipality) by columns (years), and the next status
// of a promise: what the promise page shows, kept apart from the markup so it reads plainly.
import type { CellStatus, CellUnit, PromiseStatus } from '../../gql/graphql';
import { t } from '../../i18n';

export type Cell = {
  unit: CellUnit;
  unitKey: string;
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
 * Cells per area, place or the whole as rows, one column per year, lined up by the API's key
 * for the unit. A place the reader may not see has no name: it is called by its number.
 */
export function grid<C extends Cell>(cells: readonly C[]): Grid<C> {
  const years = [...new Set(cells.map((c) => c.year))].sort((a, b) => a - b);
  const rows: Grid<C>['rows'] = [];
  const byKey = new Map<string, Grid<C>['rows'][number]>();
  for (const cell of cells) {
    const key = cell.unitKey;
    const label =
      cell.unit === 'WHOLE'
        ? t('promise.unit.WHOLE')
        : cell.label || t('promise.hiddenPlace', { n: key.replace(/^place-/, '') });
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
    open: cells.filter((c) => c.status === 'OPEN' || c.status === 'UPCOMING').length,
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
