// Every UI string lives in sv.json and en.json; Swedish first. `t` and the formatters read
// the language from runes state, so what a component shows follows a switch.
import sv from './sv.json';
import en from './en.json';
import { locale, type Lang } from './lang.svelte';

export type { Lang };
type Key = keyof typeof sv;
const dictionaries: Record<Lang, Record<Key, string>> = { sv, en };

export function lang(): Lang {
  return locale.current;
}

export function setLang(next: Lang): void {
  locale.current = next;
  localStorage.setItem('samrad.lang', next);
  document.documentElement.lang = next;
}

/** The string for `key`, with `{name}` placeholders filled in. */
export function t(key: Key, params: Record<string, string> = {}): string {
  let text = dictionaries[locale.current][key] ?? key;
  // A function, so that `$&` and the like in a value stay as they are.
  for (const [name, value] of Object.entries(params)) text = text.replace(`{${name}}`, () => value);
  return text;
}

/** A key that may not exist (e.g. built from an enum value). */
export function tDynamic(key: string): string {
  return (dictionaries[locale.current] as Record<string, string>)[key] ?? key;
}

const stockholm = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(locale.current === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm', ...options });

/** An instant shown in Swedish time. */
export function formatDateTime(iso: string): string {
  return stockholm({ dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** A Swedish local date-time as the API gives it (`NaiveDateTime`), shown as is. */
export function formatLocal(naive: string): string {
  return new Intl.DateTimeFormat(locale.current === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${naive}Z`));
}

/** A calendar date (YYYY-MM-DD). */
export function formatDate(date: string): string {
  return new Intl.DateTimeFormat(locale.current === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}
