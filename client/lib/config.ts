import type { Ack, ClientConfig } from '../../protocol/index.js';

const NONE: ClientConfig = { protocolVersion: 0, tileUrl: null, tileAttribution: null, simulator: null };

/** Reads the server's settings; any failure means "no tiles", never a broken map. */
export async function loadConfig(): Promise<ClientConfig> {
  try {
    const res = await fetch('/api/config', { headers: { accept: 'application/json' } });
    if (!res.ok) return NONE;
    const body = (await res.json()) as Ack<ClientConfig>;
    return body.ok ? body.data : NONE;
  } catch {
    return NONE;
  }
}
