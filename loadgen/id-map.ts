/**
 * The map from the load generator's ids to the ids the API assigned, with what the API holds for
 * each entity (to send only what changed next time).
 *
 * The runner sends each topic's batches in order but the topics side by side, so an item can be
 * on its way before its seller's page exists. Ids the map is told to expect (the catalogue's, all
 * known before the run) can be waited for: {@link IdMap.wait} resolves once the entity was
 * created, or with undefined once its creation failed. An id nobody expects resolves at once.
 *
 * @example
 * const sellers = new IdMap<SellerPageBody>(catalogue.sellers.map((s) => s.seller.id));
 * const page = await sellers.wait(item.sellerId); // undefined if the seller page failed
 */

export interface Mapped<S> {
  /** The id the API gave the entity. */
  readonly apiId: string;
  /** What the API holds for it, as last sent. */
  readonly sent: S;
}

export class IdMap<S> {
  private readonly entries = new Map<string, Mapped<S>>();
  private readonly waiting = new Map<string, { promise: Promise<void>; settle: () => void }>();

  constructor(expected: Iterable<string> = []) {
    for (const id of expected) this.expect(id);
  }

  /** Announces that `generatedId` will be created (or fail): {@link wait} holds until then. */
  expect(generatedId: string): void {
    if (this.entries.has(generatedId) || this.waiting.has(generatedId)) return;
    let settle!: () => void;
    const promise = new Promise<void>((resolve) => (settle = resolve));
    this.waiting.set(generatedId, { promise, settle });
  }

  /** Records the API's id and state of a created (or updated) entity, and wakes who waits for it. */
  set(generatedId: string, apiId: string, sent: S): void {
    this.entries.set(generatedId, { apiId, sent });
    this.settle(generatedId);
  }

  /** The creation of `generatedId` failed: who waits gets undefined. */
  failed(generatedId: string): void {
    this.settle(generatedId);
  }

  /** The entity was deleted. */
  delete(generatedId: string): void {
    this.entries.delete(generatedId);
    this.settle(generatedId);
  }

  get(generatedId: string): Mapped<S> | undefined {
    return this.entries.get(generatedId);
  }

  /** The entity once its expected creation is settled; at once when it is not expected. */
  async wait(generatedId: string): Promise<Mapped<S> | undefined> {
    const pending = this.waiting.get(generatedId);
    if (pending) await pending.promise;
    return this.entries.get(generatedId);
  }

  /** Entities the API holds. */
  get size(): number {
    return this.entries.size;
  }

  /** Expected creations not settled yet. */
  get pending(): number {
    return this.waiting.size;
  }

  /** A sample of mapped entities: generated id → API id (for the summary). */
  sample(count: number): [string, string][] {
    const result: [string, string][] = [];
    for (const [generatedId, { apiId }] of this.entries) {
      if (result.length >= count) break;
      result.push([generatedId, apiId]);
    }
    return result;
  }

  private settle(generatedId: string): void {
    const pending = this.waiting.get(generatedId);
    if (!pending) return;
    this.waiting.delete(generatedId);
    pending.settle();
  }
}
