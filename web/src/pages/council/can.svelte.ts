// Which of a council's tabs the reader may use. The API decides: the follow-up actions and the
// figures are asked for once (the smallest answer), and a tab the API refuses is not offered.
import type { CouncilAccess, CouncilHeadQuery } from '../../gql/graphql';
import type { ApiError } from '../../api';
import { query } from '../../lib/query.svelte';
import { CanActions, CanFigures } from './operations';

/** The council as every tab's header shows it. */
export type Head = NonNullable<CouncilHeadQuery['council']>;

export type Tab = 'overview' | 'meetings' | 'actions' | 'members' | 'pictures' | 'figures' | 'promises' | 'settings';

/** Each tab's address under `/rad/:id`, in the tab bar's order. */
export const TAB_PATHS: Record<Tab, string> = {
  overview: '',
  meetings: '/moten',
  actions: '/atgarder',
  members: '/medlemmar',
  pictures: '/lagesbilder',
  figures: '/siffror',
  promises: '/medborgarloften',
  settings: '/installningar',
};

/** What the API answered about the council's actions and figures (call while a component is set up). */
export class CouncilCan {
  #actions;
  #figures;

  constructor(id: () => string) {
    this.#actions = query(CanActions, () => ({ id: id() }));
    const year = thisYear();
    this.#figures = query(CanFigures, () => ({ id: id(), year }));
  }

  /** Both answers are here (a refusal is an answer too). */
  get ready(): boolean {
    return (
      (this.#actions.data !== undefined || this.#actions.error !== null) &&
      (this.#figures.data !== undefined || this.#figures.error !== null)
    );
  }

  /** Not refused (another failure is the tab's to say). */
  get actions(): boolean {
    return !refused(this.#actions.error);
  }

  get figures(): boolean {
    return !refused(this.#figures.error);
  }

  /**
   * The tabs this reader may use; the settings are the secretariat's (and admins', who manage),
   * the citizen promises the partners' and the secretariat's (not an advisory body's).
   */
  tabs(access: CouncilAccess): Tab[] {
    return (Object.keys(TAB_PATHS) as Tab[]).filter(
      (tab) =>
        (tab !== 'actions' || this.actions) &&
        (tab !== 'figures' || this.figures) &&
        (tab !== 'promises' || access === 'MANAGE' || access === 'MEMBER') &&
        (tab !== 'settings' || access === 'MANAGE'),
    );
  }
}

const refused = (error: ApiError | null): boolean => error?.code === 'FORBIDDEN' || error?.code === 'NOT_FOUND';

/** This year, as the figures are asked for (a date read once, not state). */
function thisYear(): number {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' })
    .formatToParts(Date.now())
    .reduce((year, part) => (part.type === 'year' ? Number(part.value) : year), 0);
}
