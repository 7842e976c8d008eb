// Background work per item (run summaries) with a bounded number in flight, what is on screen first, the rest after.
export const SUMMARIES_IN_FLIGHT = 16;

/**
 * Each item is worked on once; results are kept by item identity (the run index replaces a run's object when it
 * changes, so a changed run is worked on again). Two tiers: `showVisible` items, in the order given, go before
 * `setAll` items. Never more than `limit` calls run at once, so memory stays flat at any number of items.
 */
export class SummaryQueue<T extends object, R> {
  private readonly results = new WeakMap<T, R>();
  private readonly inFlight = new WeakSet<T>();
  private active = 0;
  private visible: T[] = [];
  private visibleAt = 0;
  private all: readonly T[] = [];
  private allAt = 0;

  constructor(
    private readonly work: (item: T) => Promise<R>,
    private readonly onResult: (item: T, result: R) => void,
    private readonly limit = SUMMARIES_IN_FLIGHT,
  ) {}

  result(item: T): R | undefined {
    return this.results.get(item);
  }

  /** Every item wanted, in display order; forgets the previous visible tier (the view is about to ask again). */
  setAll(items: readonly T[]): void {
    this.all = items;
    this.allAt = 0;
    this.visible = [];
    this.visibleAt = 0;
    this.pump();
  }

  /** Items now on screen (an expanded group's runs), served before the rest in the order they are shown. */
  showVisible(items: readonly T[]): void {
    for (const item of items) if (!this.results.has(item)) this.visible.push(item);
    this.pump();
  }

  /** Calls running now. */
  get running(): number {
    return this.active;
  }

  private next(): T | undefined {
    while (this.visibleAt < this.visible.length) {
      const item = this.visible[this.visibleAt++];
      if (!this.results.has(item) && !this.inFlight.has(item)) return item;
    }
    while (this.allAt < this.all.length) {
      const item = this.all[this.allAt++];
      if (!this.results.has(item) && !this.inFlight.has(item)) return item;
    }
    return undefined;
  }

  private pump(): void {
    while (this.active < this.limit) {
      const item = this.next();
      if (!item) return;
      this.active++;
      this.inFlight.add(item);
      this.work(item)
        .then(
          (result) => {
            this.results.set(item, result);
            this.onResult(item, result);
          },
          // A failed item is left without a result; it is tried again when it is asked for again.
          () => undefined,
        )
        .finally(() => {
          this.active--;
          this.inFlight.delete(item);
          this.pump();
        });
    }
  }
}
