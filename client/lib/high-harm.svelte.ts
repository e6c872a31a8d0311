import type { HighHarmHistory, HighHarmRuleSetView, PublishHighHarm } from '../../protocol/index.js';
import type { Connection } from './connection.svelte.js';
import { call } from './http.js';
import type { LiveStore } from './live.svelte.js';
import { Resource } from './resource.svelte.js';

export type PublishResult = { ok: true } | { ok: false; message: string };

/**
 * The High Harm rule set (recommendation 5): the version in force comes live from the server,
 * its history from GET /api/high-harm. Publishing sends the definition as typed; the server
 * alone decides whether it is valid (one set of rules), and its refusal is shown as it says it.
 */
export class HighHarmStore {
  readonly #live: LiveStore;
  readonly #connection: Connection;
  readonly #resource = new Resource<HighHarmHistory>();

  /** Newest first; a version published since the history was read is added from the live feed. */
  #history = $derived.by((): HighHarmRuleSetView[] => {
    const known = [...(this.#resource.data?.history ?? [])];
    const current = this.current;
    if (current && !known.some((v) => v.version === current.version)) known.push(current);
    return known.sort((a, b) => b.version - a.version);
  });

  constructor(live: LiveStore, connection: Connection) {
    this.#live = live;
    this.#connection = connection;
  }

  get current(): HighHarmRuleSetView | null {
    const live = this.#live.highHarm;
    const read = this.#resource.data?.current ?? null;
    return live && (!read || live.version >= read.version) ? live : read;
  }
  get history(): readonly HighHarmRuleSetView[] {
    return this.#history;
  }
  get error(): string | null {
    return this.#resource.error;
  }

  load(): void {
    void this.#resource.load((signal) => call('GET /api/high-harm', { signal }));
  }

  /** `text` is what the person typed: only JSON syntax is checked here, the rules by the server. */
  async publish(text: string, reason: string): Promise<PublishResult> {
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (err) {
      return { ok: false, message: `The definition is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (!reason.trim()) return { ok: false, message: 'Say why this version is published.' };
    // The server validates the shape with the shared schema and refuses with a message if wrong.
    const command = { definition, reason: reason.trim() } as PublishHighHarm;
    const reply = await this.#connection.send('high-harm:publish', command);
    if (!reply.ok) return { ok: false, message: reply.error.message };
    this.load();
    return { ok: true };
  }
}
