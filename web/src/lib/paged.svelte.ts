// A list read a page at a time from a GraphQL connection (`first`/`after`): the first page
// when the page opens, then "Visa fler" adds the next one below.
import { ApiError, apiError } from '../api';

export type Connection<T> = {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
};

export class Paged<T extends { id: string }> {
  /** What is shown; null until the first page is here. */
  items: T[] | null = $state.raw(null);
  hasMore = $state(false);
  /** Why the first page did not load. */
  error: ApiError | null = $state.raw(null);
  #cursor: string | null = null;
  #load: (after: string | null) => Promise<Connection<T>>;

  constructor(load: (after: string | null) => Promise<Connection<T>>) {
    this.#load = load;
  }

  /** Loads the first page (again). */
  async start(): Promise<void> {
    this.error = null;
    try {
      const page = await this.#load(null);
      this.items = page.edges.map((e) => e.node);
      this.#cursor = page.pageInfo.endCursor ?? null;
      this.hasMore = page.pageInfo.hasNextPage;
    } catch (e) {
      this.error = apiError(e);
    }
  }

  /** Changes one item shown (after a change the server answered), keeping the pages loaded. */
  update(id: string, change: (item: T) => T): void {
    this.items = (this.items ?? []).map((x) => (x.id === id ? change(x) : x));
  }

  /**
   * Shows an item made since the list loaded (as the server answered with it) where `order`
   * puts it among the items shown, keeping the pages loaded. One that sorts after all of them
   * while more pages are to come is left to the page that brings it; one that a later page
   * also brings is shown once.
   */
  add(item: T, order: (a: T, b: T) => number): void {
    const items = (this.items ?? []).filter((x) => x.id !== item.id);
    const last = items.at(-1);
    if (this.hasMore && last && order(item, last) > 0) return;
    const at = items.findIndex((x) => order(item, x) < 0);
    items.splice(at < 0 ? items.length : at, 0, item);
    this.items = items;
  }

  /** Adds the next page; returns the items added (throws ApiError). */
  async more(): Promise<T[]> {
    const page = await this.#load(this.#cursor);
    // A look-up while adding, not state.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const known = new Set((this.items ?? []).map((x) => x.id));
    const added = page.edges.map((e) => e.node).filter((x) => !known.has(x.id));
    this.items = [...(this.items ?? []), ...added];
    this.#cursor = page.pageInfo.endCursor ?? this.#cursor;
    this.hasMore = page.pageInfo.hasNextPage;
    return added;
  }
}

/**
 * The most pages {@link allPages} reads: a connection that says it has more for ever (a bug, or
 * a meeting with thousands of inputs) is not read for ever, and the caller says that it stopped.
 */
export const MAX_PAGES = 40;

/** What {@link allPages} read; `complete` is false when the connection has more than that. */
export type Everything<T> = { items: T[]; complete: boolean };

/**
 * Every item of a connection, read a page after the other until the last: for a view that
 * filters and counts on the client, which must see all of them (a page the API refuses as
 * too large or too complex is not asked for: `load` chooses the page size). It stops, with
 * `complete` false, after `max` pages, or when the connection says it has more but gives no
 * cursor or one it gave before (it would go round in a circle).
 */
export async function allPages<T>(
  load: (after: string | null) => Promise<Connection<T>>,
  max = MAX_PAGES,
): Promise<Everything<T>> {
  const items: T[] = [];
  // A look-up while reading, not state.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const seen = new Set<string>();
  let after: string | null = null;
  for (let read = 0; read < max; read += 1) {
    const page = await load(after);
    items.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return { items, complete: true };
    const next = page.pageInfo.endCursor ?? null;
    if (next === null || seen.has(next)) break;
    seen.add(next);
    after = next;
  }
  return { items, complete: false };
}

/** A connection read whole ({@link allPages}), loaded again on demand; the newest load wins. */
export class AllPages<T> {
  /** Everything; undefined until the first load has come. */
  items: T[] | undefined = $state.raw();
  /** Whether the connection has more than `items` (allPages stopped before its end). */
  incomplete = $state(false);
  /** Why the first load failed (a failed reload keeps what is shown). */
  error: ApiError | null = $state.raw(null);
  #load: (after: string | null) => Promise<Connection<T>>;
  /** Loads started so far: an older load that ends after a newer one is not shown. */
  #started = 0;

  constructor(load: (after: string | null) => Promise<Connection<T>>) {
    this.#load = load;
  }

  /** Loads every page afresh and shows them; throws ApiError when a reload fails. */
  async load(): Promise<void> {
    const started = ++this.#started;
    try {
      const { items, complete } = await allPages(this.#load);
      if (started !== this.#started) return;
      this.items = items;
      this.incomplete = !complete;
      this.error = null;
    } catch (e) {
      const error = apiError(e);
      if (started === this.#started && this.items === undefined) this.error = error;
      throw error;
    }
  }
}
