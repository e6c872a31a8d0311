import type { ClientConfig } from '../../protocol/index.js';
import { call } from './http.js';

const NONE: ClientConfig = { protocolVersion: 0, tileUrl: null, tileAttribution: null, simulator: null };

/** Reads the server's settings; any failure means "no tiles", never a broken map. */
export async function loadConfig(): Promise<ClientConfig> {
  try {
    const reply = await call('GET /api/config');
    return reply.ok ? reply.data : NONE;
  } catch {
    return NONE;
  }
}
