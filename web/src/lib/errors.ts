// Errors as the user reads them: one sentence per error code, from the i18n files.
import { apiError } from '../api';
import { tDynamic } from '../i18n';

/** What went wrong, in the user's language; anything not from the API is INTERNAL. */
export function errorText(error: unknown): string {
  return tDynamic(`error.${apiError(error).code}`);
}
