import type { CouncilKind } from '../../gql/graphql';
import { t } from '../../i18n';
import type { FormState } from '../../lib/forms.svelte';

/** What a council's form holds while the user types. */
export type CouncilValues = { name: string; kind: CouncilKind | ''; meetingsPerYear: string; description: string };

/** The API's field names for a council's inputs, and the ids of the fields that show them. */
export const COUNCIL_FIELDS = {
  name: 'council-name',
  kind: 'council-kind',
  meetingsPerYear: 'council-cadence',
  description: 'council-description',
  hostOrganisationId: 'council-host',
};

/**
 * The kind and a whole number of meetings, or null after marking what is missing (the API
 * checks the range and says so on the field).
 */
export async function checkCouncil(
  form: FormState,
  kind: CouncilKind | '',
  meetingsPerYear: string,
): Promise<{ kind: CouncilKind; meetingsPerYear: number } | null> {
  if (kind === '') {
    await form.require({ kind });
    return null;
  }
  const n = meetingsPerYear.trim();
  if (!/^\d+$/.test(n)) {
    await form.mark('meetingsPerYear', t('form.meetingsPerYear'));
    return null;
  }
  return { kind, meetingsPerYear: Number(n) };
}
