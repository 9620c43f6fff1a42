// Path routing: a table of patterns (`/moten/:id`) to pages, links followed in place, the
// back button. The server answers every path it does not know with index.html, so any
// address the router knows can be opened, reloaded and shared.
import type { Component } from 'svelte';

export type Params = Record<string, string>;

export type Route = {
  /** `/literal/:param` segments; a param matches one non-empty segment. */
  pattern: string;
  // Pages take different props; `props` below says which.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  page: Component<any>;
  /** Shown without signing in (otherwise the login comes first). */
  public?: boolean;
  /** The page's props from the address; the params themselves when not given. */
  props?: (params: Params, search: URLSearchParams) => Record<string, unknown>;
  /**
   * Which object the page shows (`meeting:<id>`): moving between addresses with the same
   * answer (one tab to another) keeps the page as it is, with what is typed in it, and
   * only its props change. Without it every visit shows the page afresh.
   */
  stay?: (params: Params) => string;
};

export type Match = { route: Route; props: Record<string, unknown>; stay: string | null } | null;

/** Where the browser is; `visit` counts arrivals, so that every visit shows the page afresh. */
export const here = $state({ path: location.pathname, search: location.search, visit: 0 });

function arrived(): void {
  here.path = location.pathname;
  here.search = location.search;
  here.visit += 1;
}

/** Goes to `path` (with its query), as a new entry in the history. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  arrived();
}

/**
 * Changes the address in place, without a new history entry or a new visit: for what a page
 * keeps in its address (a filter), which it then reads from its props again.
 */
export function replaceAddress(path: string): void {
  history.replaceState(null, '', path);
  here.path = location.pathname;
  here.search = location.search;
}

/** Shows the page at the current address again from the start (a new visit, as a link to it would). */
export function revisit(): void {
  here.visit += 1;
}

// A cache, not state: nothing shown depends on it.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const compiled = new Map<string, RegExp>();

function regexOf(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    const source = pattern
      .split('/')
      .map((part) =>
        part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    regex = new RegExp(`^${source}$`);
    compiled.set(pattern, regex);
  }
  return regex;
}

/** The first route whose pattern matches `path`, with the page's props; null for none (a 404). */
export function match(routes: readonly Route[], path: string, search: string): Match {
  for (const route of routes) {
    const found = regexOf(route.pattern).exec(path);
    if (!found) continue;
    let params: Params;
    try {
      params = Object.fromEntries(
        Object.entries(found.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]),
      );
    } catch {
      // A malformed escape (`%E0`) names no page.
      return null;
    }
    // Read once to make the page's props; a new visit makes new ones.
    return {
      route,
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      props: route.props ? route.props(params, new URLSearchParams(search)) : params,
      stay: route.stay ? route.stay(params) : null,
    };
  }
  return null;
}

/** Follows a click on a link inside Samråd in place; leaves the browser to anything else. */
function followLink(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  // A new tab or window, or a download, is the browser's to open.
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest('a');
  if (!link || link.origin !== location.origin || link.hasAttribute('download')) return;
  if (link.target && link.target !== '_self') return;
  // A link to a place on this page (the skip link) is the browser's too: it moves focus there.
  if (link.getAttribute('href')?.startsWith('#')) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
}

/** Starts following links and the back button; returns how to stop. */
export function startRouter(): () => void {
  document.addEventListener('click', followLink);
  window.addEventListener('popstate', arrived);
  return () => {
    document.removeEventListener('click', followLink);
    window.removeEventListener('popstate', arrived);
  };
}
