const SHOW_MS = 4_000;

/** One short confirmation at a time ("MET-IO-03 sent to Croydon"); a newer one replaces it. */
export class Toasts {
  #message = $state<string | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;

  get message(): string | null {
    return this.#message;
  }

  show(message: string): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#message = message;
    this.#timer = setTimeout(() => this.dismiss(), SHOW_MS);
  }

  dismiss(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#message = null;
  }
}
