// Queries a page shows while it is open, as runes state over urql.
//
// Each is loaded from the server when the page opens (network-only, as pages always have),
// and stays subscribed to urql's client while the page is shown, so that the document cache
// loads it again when a mutation's answer has one of the types in it. `data` is the last good
// answer: a failed reload keeps what is shown (`refetch` throws the error to whoever asked),
// and `error` says only why the first load failed.
import { stringifyVariables, type AnyVariables, type OperationResult, type TypedDocumentNode } from '@urql/core';
import { untrack } from 'svelte';
import { ApiError, apiError, client } from '../api';

/** One operation, run once for each set of variables; the answers in the same order. */
export class QueryList<R, V extends AnyVariables> {
  #doc: TypedDocumentNode<R, V>;
  #variables: V[] | null = null;
  #answers: (R | undefined)[] = [];
  /** Per query: a reload is on its way (urql showed the old answer again, marked stale). */
  #reloading: boolean[] = [];
  /** Per query: who waits for the answer to that reload. */
  #waiting: ((result: OperationResult<R, V>) => void)[][] = [];
  #data: R[] | undefined = $state.raw();
  #error: ApiError | null = $state.raw(null);

  /** `variables`: one set per query, or null while the page does not need them (yet). */
  constructor(doc: TypedDocumentNode<R, V>, variables: () => V[] | null) {
    this.#doc = doc;
    const wanted = $derived.by(variables);
    // Started again only when the variables say something else, not for an equal copy.
    const key = $derived(wanted === null ? null : stringifyVariables(wanted));
    $effect(() => {
      if (key === null) return untrack(() => this.#reset(null));
      // What the answers change is not what starts the queries.
      return untrack(() => {
        const sets = wanted ?? [];
        this.#reset(sets);
        if (sets.length === 0) this.#data = [];
        const subscriptions = sets.map((vars, i) =>
          client.query(this.#doc, vars).subscribe((result) => this.#take(i, result)),
        );
        return () => subscriptions.forEach((s) => s.unsubscribe());
      });
    });
  }

  /** Every answer, once all have come; undefined before (and while the list is not needed). */
  get data(): R[] | undefined {
    return this.#data;
  }

  /** Why the first load failed; null while it has not. */
  get error(): ApiError | null {
    return this.#error;
  }

  /** Nothing to wait for: the answers are here, or the page does not need them. */
  get ready(): boolean {
    return this.#data !== undefined || this.#variables === null;
  }

  /**
   * Loads the answers afresh and shows them; throws ApiError when a load fails. A reload the
   * document cache has already started (after a mutation) is waited for, not asked twice.
   */
  async refetch(): Promise<void> {
    const sets = this.#variables;
    if (!sets) return;
    const results = await Promise.all(
      sets.map((vars, i) =>
        this.#reloading[i]
          ? new Promise<OperationResult<R, V>>((resolve) => this.#waiting[i]?.push(resolve))
          : client.query(this.#doc, vars, { requestPolicy: 'network-only' }).toPromise(),
      ),
    );
    if (sets !== this.#variables) return;
    for (const [i, result] of results.entries()) {
      if (result.error) throw apiError(result.error);
      this.#take(i, result);
    }
  }

  #reset(sets: V[] | null): void {
    this.#variables = sets;
    this.#answers = sets ? sets.map(() => undefined) : [];
    this.#reloading = sets ? sets.map(() => false) : [];
    this.#waiting = sets ? sets.map(() => []) : [];
    this.#data = undefined;
    this.#error = null;
  }

  #take(index: number, result: OperationResult<R, V>): void {
    // A stale answer is the old one again while a reload is on its way: keep what is shown.
    if (result.stale) {
      this.#reloading[index] = true;
      return;
    }
    this.#reloading[index] = false;
    for (const resolve of this.#waiting[index]?.splice(0) ?? []) resolve(result);
    if (result.error) {
      if (this.#data === undefined) this.#error = apiError(result.error);
      return;
    }
    if (!result.data) return;
    this.#answers[index] = result.data;
    if (this.#answers.every((answer) => answer !== undefined)) this.#data = [...(this.#answers as R[])];
  }
}

/** One query; `variables` null while the page does not need it (it is then `ready`). */
export class Query<R, V extends AnyVariables> {
  #list: QueryList<R, V>;

  constructor(doc: TypedDocumentNode<R, V>, variables: () => V | null) {
    this.#list = new QueryList(doc, () => {
      const vars = variables();
      return vars === null ? null : [vars];
    });
  }

  get data(): R | undefined {
    return this.#list.data?.[0];
  }

  get error(): ApiError | null {
    return this.#list.error;
  }

  get ready(): boolean {
    return this.#list.ready;
  }

  refetch(): Promise<void> {
    return this.#list.refetch();
  }
}

/** A query the component shows while it is mounted (call it while the component is set up). */
export function query<R, V extends AnyVariables>(doc: TypedDocumentNode<R, V>, variables: () => V | null): Query<R, V> {
  return new Query(doc, variables);
}

/** The same query for each of a list of variables (call it while the component is set up). */
export function queryList<R, V extends AnyVariables>(
  doc: TypedDocumentNode<R, V>,
  variables: () => V[] | null,
): QueryList<R, V> {
  return new QueryList(doc, variables);
}
