// Forms that help: a mutation whose error keeps the API's `extensions.field`, that error in
// plain words beside the field it names (and focus on that field), anything else under the
// form. What was typed stays in the form's own state, so an error never loses it.
import { tick } from 'svelte';
import { apiError, mutate } from '../api';
import { t } from '../i18n';
import { errorText } from './errors';
import { keepPlace } from './shell.svelte';

/** Runs a typed mutation; throws ApiError (with the field the server named, if any). */
export const send = mutate;

type Reason = [RegExp, (m: RegExpExecArray) => string];

// The API explains bad input in English sentences; these are the ones the admin forms meet,
// said in the user's language. Anything else falls back to the error code's sentence.
const REASONS: Reason[] = [
  // Before the general length rule, which this sentence also matches.
  [/at most 20 tags of at most 40 characters/, () => t('form.tags')],
  [/must not be empty/, () => t('form.empty')],
  [/at most (\d+) characters/, (m) => t('form.tooLong', { max: m[1] ?? '' })],
  [/at least (\d+) characters/, (m) => t('form.tooShort', { min: m[1] ?? '' })],
  [/control characters/, () => t('form.control')],
  [/not a valid email/, () => t('form.email')],
  [/a user with this email/, () => t('form.emailTaken')],
  [/municipality code is four digits/, () => t('form.municipalityCode')],
  [/only municipalities have a municipality code/, () => t('form.codeOnlyMunicipality')],
  [/own ancestor/, () => t('form.ownAncestor')],
  [/hierarchy is too deep/, () => t('form.tooDeep')],
  [/between 1 and 52/, () => t('form.meetingsPerYear')],
  [/cannot be in the future/, () => t('form.future')],
  [/cannot (leave|end) before it (joined|started)/, () => t('form.beforeStart')],
  [/only the council's host organisation can be its host/, () => t('form.onlyHost')],
  [/host organisation cannot leave/, () => t('form.hostCannotLeave')],
  [/representative sits for an organisation/, () => t('form.representativeOrg')],
  [/does not act for this organisation/, () => t('form.notAffiliated')],
  [/not a member of this council/, () => t('form.notMember')],
  [/end the seat first/, () => t('form.endSeatFirst')],
  [/cannot disable yourself/, () => t('form.notYourself')],
  [/already ended/, () => t('form.alreadyEnded')],
  [/unknown (organisation|user)/, () => t('form.choose')],
  [/already exists/, () => t('form.exists')],
  [/latitude is between/, () => t('form.latitude')],
  [/longitude is between/, () => t('form.longitude')],
  [/the due date has (already )?passed/, () => t('form.duePassed')],
  [/plan a year from (\d+) to (\d+)/, (m) => t('plan.yearRange', { from: m[1] ?? '', to: m[2] ?? '' })],
  [/could not place every meeting/, () => t('plan.noRoom')],
  [/the council meets (\d+) times a year/, (m) => t('plan.tooManyThemes', { count: m[1] ?? '' })],
  [/is not one of the council's themes/, () => t('plan.unknownTheme')],
  [/answers are taken for scheduled meetings/, () => t('rsvp.closed')],
  [/perceived safety is 1/, () => t('pictures.safetyRange')],
  [/the period must end on or after its start/, () => t('form.beforeStart')],
  [/ask another organisation than your own/, () => t('form.askAnother')],
  [/answer with a picture or a text/, () => t('request.answerEmpty')],
  [/no longer open/, () => t('form.noLongerOpen')],
  [/between 1 and 366 days/, () => t('cadence.days')],
  [/search for at most (\d+) characters/, (m) => t('form.tooLong', { max: m[1] ?? '' })],
  // Citizen promises.
  [/the period ends after it starts/, () => t('form.periodEnds')],
  [/the follow-up is within the period/, () => t('form.promiseFollowUp')],
  [/the occasion is within the activity's period/, () => t('form.occasionPeriod')],
  [/0 to 1 000 000 people/, () => t('form.people')],
  [/1 to 10 responsible organisations/, () => t('form.responsibleCount')],
  [/an activity has 1 to 5 scopes/, () => t('form.scopeCount')],
  [/the rule asks for at least one/, () => t('form.scopeN')],
  [/say which kind of area it counts per/, () => t('form.scopeAreaKind')],
  [/a run is 1 to 52 weeks/, () => t('form.scopeWeeks')],
  [/place follow-ups count only for a rule per place/, () => t('form.scopePlaces')],
  [/say what the activity is/, () => t('form.activityText')],
  [/an activity runs within the promise's period/, () => t('form.activityPeriod')],
  [/signed with at least one activity and one signatory/, () => t('form.signFirst')],
  [/only a signed promise is published/, () => t('form.publishSigned')],
  [/moves to its next status only/, () => t('form.nextStatus')],
];

/** The API's reason for refusing input, in the user's language, when it is one we know. */
export function reason(error: unknown): string | null {
  const e = apiError(error);
  if (e.code === 'BAD_USER_INPUT' || e.code === 'CONFLICT') {
    for (const [pattern, say] of REASONS) {
      const found = pattern.exec(e.message);
      if (found) return say(found);
    }
  }
  return null;
}

/** What went wrong, in plain words: the API's reason when we know it, else the code's sentence. */
export function explain(error: unknown): string {
  return reason(error) ?? errorText(error);
}

/**
 * One form's errors and whether it is sending. `fields` maps the API's field names to the
 * ids of the inputs that show them; an error on another field is shown under the form.
 */
export class FormState {
  errors: Record<string, string> = $state({});
  error = $state('');
  busy = $state(false);
  #fields: Record<string, string>;

  constructor(fields: Record<string, string>) {
    this.#fields = fields;
  }

  /** Clears what an earlier attempt said. */
  reset(): void {
    this.errors = {};
    this.error = '';
  }

  /**
   * Marks `field` wrong with `text` and moves focus to it (for checks made before sending);
   * `id` is the input to focus when the field is not one of the form's fixed ones (a row's).
   */
  async mark(field: string, text: string, id?: string): Promise<void> {
    this.errors = { ...this.errors, [field]: text };
    await this.#focus(field, id);
  }

  /** Marks every empty one of `values` (API field name → value) as to be chosen; true when none is. */
  async require(values: Record<string, unknown>): Promise<boolean> {
    const missing = Object.entries(values).filter(([, v]) => v === '' || v === null || v === undefined);
    if (!missing.length) return true;
    this.errors = { ...this.errors, ...Object.fromEntries(missing.map(([f]) => [f, t('form.choose')])) };
    await this.#focus(missing[0]?.[0] ?? '');
    return false;
  }

  /** Sends with `work`; on an error says it beside its field (or under the form). Undefined on error. */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    // The button that sent is disabled meanwhile, which takes the focus away from it; it gets
    // it back after, unless a field with an error takes it.
    const giveBack = keepPlace();
    this.busy = true;
    try {
      return await work();
    } catch (e) {
      const text = explain(e);
      const field = apiError(e).field;
      if (field && field in this.#fields) {
        this.errors = { ...this.errors, [field]: text };
        this.busy = false;
        await this.#focus(field);
      } else {
        this.error = text;
      }
      return undefined;
    } finally {
      this.busy = false;
      await tick();
      giveBack();
    }
  }

  async #focus(field: string, input?: string): Promise<void> {
    await tick();
    const id = input ?? this.#fields[field];
    if (id) document.getElementById(id)?.focus();
  }
}
