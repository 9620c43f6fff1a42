// One form's round trip to the API: what went wrong and on which field (the GraphQL error's
// `extensions.field`), a CONFLICT told apart so the form can offer a reload, and the result
// announced in the page's live region. What the user typed is never touched on an error.
import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { tick } from 'svelte';
import { apiError, mutate } from '../api';
import { reason } from './forms.svelte';
import { t, tDynamic } from '../i18n';
import { announce, keepPlace } from './shell.svelte';

export class Outcome {
  /** What the form says now: the result, or what went wrong. */
  text = $state('');
  /** The field the API named in its error, if any. */
  field = $state<string | null>(null);
  /** The data changed since it was loaded (a stale `expectedVersion`). */
  conflict = $state(false);
  /** The last change failed. */
  failed = $state(false);
  /** The form's change is on its way. */
  busy = $state(false);

  /** Whether `name` is the field the last error was about. */
  on(name: string): boolean {
    return this.field === name;
  }

  /**
   * Runs `doc`; on success calls `done` (which may clear the form), reloads through `reload`
   * and says `success`. Returns whether it worked.
   */
  async run<R, V extends AnyVariables>(
    doc: TypedDocumentNode<R, V>,
    variables: V,
    { success, done, reload }: { success: string; done?: (data: R) => void; reload: () => Promise<void> },
  ): Promise<boolean> {
    // The button that sent is disabled meanwhile, which takes the focus away from it, and the
    // reload may draw more above it: the user's place is kept.
    const giveBack = keepPlace();
    this.busy = true;
    try {
      let data: R;
      try {
        data = await mutate(doc, variables);
      } catch (e) {
        const error = apiError(e);
        this.field = error.field;
        this.conflict = error.code === 'CONFLICT';
        this.failed = true;
        this.text =
          reason(error) ??
          (this.field && error.code === 'BAD_USER_INPUT' ? t('input.fieldInvalid') : tDynamic(`error.${error.code}`));
        announce(this.text);
        return false;
      }
      this.field = null;
      this.conflict = false;
      this.failed = false;
      done?.(data);
      try {
        await reload();
      } catch {
        // The change is made; the live connection brings the page up to date.
      }
      this.text = success;
      announce(success);
      return true;
    } finally {
      this.busy = false;
      await tick();
      giveBack();
    }
  }
}

/** A `datetime-local` value as the API's NaiveDateTime (seconds added). */
export function naive(value: string): string {
  return value.length === 16 ? `${value}:00` : value;
}

/** The API's NaiveDateTime as a `datetime-local` value (to the minute). */
export function local(value: string | null | undefined): string {
  return value ? value.slice(0, 16) : '';
}
