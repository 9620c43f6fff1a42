// The words a citizen promise is told in, shared by its screens: a scope as an activity plan
// says it ("Minst 2 per stadsdel och år"), how an activity stands, where a cell of the plan
// stands, an area's kind and a promise's status. Always words, never a colour alone.
import type { AreaKind, CellStatus, PromiseStatus, ScopeRule, Standing } from '../../gql/graphql';
import { formatDate, lang, t, tDynamic } from '../../i18n';

/** A scope's countable parts, as both the signed-in and the public promise give them. */
export type ScopeTerms = {
  rule: ScopeRule;
  n?: number | null;
  weeks?: number | null;
  areaKind?: AreaKind | null;
};

/** A scope in the words of an activity plan, e.g. "Minst 2 per stadsdel och år". */
export function describeScope(scope: ScopeTerms): string {
  const n = String(scope.n ?? 1);
  switch (scope.rule) {
    case 'PER_AREA':
      return t(scope.areaKind === 'OUTER' ? 'promiseWords.perOuter' : 'promiseWords.perDistrict', { n });
    case 'PER_YEAR':
      return t('promiseWords.perYear', { n });
    case 'EVERY_WEEKS': {
      const weeks = scope.weeks ?? 1;
      if (weeks <= 1) return t('promiseWords.everyWeek');
      if (weeks === 2) return t('promiseWords.everyOtherWeek');
      return t('promiseWords.everyWeeks', { weeks: String(weeks) });
    }
    case 'PER_PLACE':
      return t('promiseWords.perPlace', { n });
    case 'AS_NEEDED':
      return t('promiseWords.asNeeded');
  }
}

/** How an activity, a scope or a whole promise stands ("I fas", "Efter"). */
export function standingWord(standing: Standing): string {
  return tDynamic(`standing.${standing}`);
}

/** Where one cell of the plan stands ("Uppfyllt", "Missat"). */
export function cellStatusWord(status: CellStatus): string {
  return tDynamic(`cellStatus.${status}`);
}

/** "Stadsdel" or "Ytterområde". */
export function areaKindWord(kind: AreaKind): string {
  return tDynamic(`areaKind.${kind}`);
}

/** Where a promise is in its life ("Pågår"). */
export function promiseStatusWord(status: PromiseStatus): string {
  return tDynamic(`promiseStatus.${status}`);
}

/** A period of two dates, said compactly where the language allows ("2–29 juli 2025"). */
export function formatPeriod(from: string, to: string): string {
  const format = new Intl.DateTimeFormat(lang() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
  try {
    return format.formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`));
  } catch {
    return `${formatDate(from)}–${formatDate(to)}`;
  }
}
