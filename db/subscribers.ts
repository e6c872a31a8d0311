/**
 * Callbacks subscribed to one kind of news. A callback that throws is reported to `onError` and
 * the others still run: a subscriber's bug must not stop a connection loop that serves them all.
 */
export class Subscribers<Args extends unknown[]> {
  readonly #callbacks = new Set<(...args: Args) => void>();
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** Subscribes; returns the way to unsubscribe. */
  add(callback: (...args: Args) => void): () => void {
    this.#callbacks.add(callback);
    return () => this.#callbacks.delete(callback);
  }

  emit(...args: Args): void {
    for (const callback of this.#callbacks) {
      try {
        callback(...args);
      } catch (error) {
        this.#onError(error);
      }
    }
  }
}
