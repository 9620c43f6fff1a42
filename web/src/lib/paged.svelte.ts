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
