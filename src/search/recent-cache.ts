/**
 * A bounded cache of derived data, in a module of its own: the index (src/search/index.ts) and the
 * re-ranking (src/search/match.ts) both use it, and the index's modules decide the persisted store's key
 * (src/store-key.ts), which the re-ranking's code has no part in.
 */

/** A bounded cache that keeps the most recently used values (a Map keeps insertion order). */
export class RecentCache<K, V> {
  private readonly values = new Map<K, V>();
  constructor(private readonly limit: number) {}

  get(key: K, make: () => V): V {
    let value = this.values.get(key);
    if (value !== undefined) {
      this.values.delete(key);
    } else {
      value = make();
      if (this.values.size >= this.limit) this.values.delete(this.values.keys().next().value as K);
    }
    this.values.set(key, value);
    return value;
  }
}
