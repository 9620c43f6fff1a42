// The secretariat's triage board: its columns, and its filters as they are kept in the
// address (`/moten/:id/inspel?punkt=…&tema=…&org=…&grupp=…`), so that a reload or a shared
// link shows the same inputs. Filtering is done here, over every input of the meeting.
import type { InputStatus, TargetGroup } from '../../../gql/graphql';
import { targetGroups } from '../../admin/operations';
import type { BoardInput } from './types';

/** The columns in the order an input moves through them; the last two only when they hold any. */
export const COLUMNS: readonly { status: InputStatus; always: boolean }[] = [
  { status: 'SUBMITTED', always: true },
  { status: 'ACKNOWLEDGED', always: true },
  { status: 'ON_AGENDA', always: true },
  { status: 'DISCUSSED', always: true },
  { status: 'ANSWERED', always: true },
  { status: 'DECLINED', always: true },
  { status: 'WITHDRAWN', always: false },
  // Drafts the secretariat may accept late.
  { status: 'DRAFT', always: false },
];

/** What the board is narrowed to; '' is "all". */
export type BoardFilters = {
  /** An agenda item's id, or NONE for inputs on no item. */
  item: string;
  /** A theme's id, or NONE for inputs with no theme. */
  theme: string;
  /** The submitting organisation's id. */
  org: string;
  group: TargetGroup | '';
};

/** A filter's value for "none" (no agenda item, no theme). */
export const NONE = 'ingen';

/** Each filter's name in the address. */
const PARAMS: Record<keyof BoardFilters, string> = { item: 'punkt', theme: 'tema', org: 'org', group: 'grupp' };

export const NO_FILTERS: BoardFilters = { item: '', theme: '', org: '', group: '' };

const isGroup = (value: string): value is TargetGroup => (targetGroups as string[]).includes(value);

/** The filters an address's query string holds (an unknown target group is no filter). */
export function readFilters(search: URLSearchParams): BoardFilters {
  const group = search.get(PARAMS.group) ?? '';
  return {
    item: search.get(PARAMS.item) ?? '',
    theme: search.get(PARAMS.theme) ?? '',
    org: search.get(PARAMS.org) ?? '',
    group: isGroup(group) ? group : '',
  };
}

/** The query string (with its `?`, or nothing) that keeps `filters` in the address. */
export function filterQuery(filters: BoardFilters): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof BoardFilters)[]) {
    if (filters[key]) search.set(PARAMS[key], filters[key]);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Whether any filter narrows the board. */
export function filtered(filters: BoardFilters): boolean {
  return Object.values(filters).some(Boolean);
}

/**
 * The theme an input is counted under: its own, else its meeting's (as the API's
 * `inputTriage.byTheme` counts it).
 */
export function themeOf(input: BoardInput, meetingTheme: string | null): string | null {
  return input.theme?.id ?? meetingTheme;
}

/** Whether `input` is one the filters let through. */
export function matches(input: BoardInput, filters: BoardFilters, meetingTheme: string | null): boolean {
  const item = input.agendaItem?.id ?? NONE;
  const theme = themeOf(input, meetingTheme) ?? NONE;
  return (
    (!filters.item || filters.item === item) &&
    (!filters.theme || filters.theme === theme) &&
    (!filters.org || filters.org === input.organisation?.id) &&
    (!filters.group || input.targetGroups.includes(filters.group))
  );
}
