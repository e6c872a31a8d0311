/**
 * Runs jobs one group at a time, in arrival order. Jobs that arrive while a group is in flight
 * (waiting for the disk or the database) wait and form the next group, so one durable commit
 * serves all of them: group commit. `run` answers every job of its group itself and never throws.
 */
export class GroupQueue<J> {
  readonly #run: (jobs: J[]) => Promise<void>;
  readonly #maxGroup: number;
  #pending: J[] = [];
  #running: Promise<void> | null = null;

  constructor(run: (jobs: J[]) => Promise<void>, maxGroup = 256) {
    this.#run = run;
    this.#maxGroup = maxGroup;
  }

  push(job: J): void {
    this.#pending.push(job);
    this.#running ??= this.#drain();
  }

  /** Resolves when every job queued so far has been run. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    // Writes that arrive in this turn of the event loop join the first group.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.#pending.length > 0) await this.#run(this.#pending.splice(0, this.#maxGroup));
    } finally {
      this.#running = null;
    }
  }
}
