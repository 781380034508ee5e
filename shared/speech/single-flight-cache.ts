/** A value with the moment (ms since the epoch) it stops being valid. */
export interface Expiring<T> {
  value: T;
  expiresAt: number;
}

/**
 * Keeps one value until `refreshMarginMs` before it expires. Callers arriving while it is being fetched wait for
 * that same fetch, so a burst of requests makes one upstream call. A failed fetch is not kept: the next caller
 * tries again.
 */
export class SingleFlightCache<T> {
  #current: Expiring<T> | undefined;
  #pending: Promise<Expiring<T>> | undefined;

  constructor(
    private readonly refreshMarginMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The kept value, or the result of `fetchValue` (the first waiting caller's; later ones share it). */
  get(fetchValue: () => Promise<Expiring<T>>): Promise<Expiring<T>> {
    const current = this.#current;
    if (current && this.now() < current.expiresAt - this.refreshMarginMs) return Promise.resolve(current);
    this.#pending ??= fetchValue()
      .then((fresh) => {
        this.#current = fresh;
        return fresh;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }
}
