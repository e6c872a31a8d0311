import { openApiDocument, type OpenApiDocument } from '../../protocol/http/openapi.js';
import type { GuardedRouter } from './guarded-router.js';
import { referencePage } from './reference-page.js';

/**
 * The API's description, generated from the route table on first request (≈50–100 ms, once) and
 * kept: the table does not change while the process runs.
 */
export function docRoutes(api: GuardedRouter): void {
  let doc: OpenApiDocument | null = null;
  let page: string | null = null;
  const document = () => (doc ??= openApiDocument());
  api.route('GET /api/openapi.json', ({ ok }) => ok(document()));
  api.route('GET /api/docs', ({ ok }) => ok((page ??= referencePage(document()))));
}
