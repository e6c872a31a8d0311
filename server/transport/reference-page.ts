import { ERROR_CODES } from '../../protocol/index.js';
import { ERROR_STATUS } from '../../protocol/http/status.js';
import type { JsonSchema } from '../../protocol/http/json-schemas.js';
import type { OpenApiDocument, OpenApiOperation } from '../../protocol/http/openapi.js';
import { escapeHtml, fieldsOf, rulesText, schemaAnchor, typeHtml } from './schema-text.js';

/**
 * The API reference as one plain HTML page, rendered on the server from the OpenAPI document:
 * no script (the Content-Security-Policy allows none inline, and the page needs none), no
 * request off the machine, readable without any tool.
 */
export function referencePage(doc: OpenApiDocument): string {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const byTag = doc.tags.map((tag) => ({ ...tag, operations: operations.filter(({ op }) => op.tags.includes(tag.name)) }));
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(doc.info.title)}</h1><p>${escapeHtml(doc.info.version)} · <a href="/api/openapi.json">OpenAPI 3.1 document</a></p></header>
<main>
<section aria-labelledby="conventions"><h2 id="conventions">Conventions</h2>${prose(doc.info.description)}
<h3>Signing</h3><dl>${Object.entries(doc.components.securitySchemes)
    .map(([name, scheme]) => `<dt>${escapeHtml(name)}</dt><dd>${prose(String(scheme.description ?? ''))}</dd>`)
    .join('')}</dl>
<h3>Refusals</h3><table><thead><tr><th scope="col">Code</th><th scope="col">HTTP status</th></tr></thead><tbody>${ERROR_CODES.map(
    (code) => `<tr><td><code>${code}</code></td><td>${ERROR_STATUS[code]}</td></tr>`,
  ).join('')}</tbody></table></section>
<nav aria-labelledby="routes"><h2 id="routes">Routes</h2>${byTag
    .map(
      (tag) =>
        `<h3>${escapeHtml(tag.name)}</h3><ul>${tag.operations
          .map(({ path, method, op }) => `<li><a href="#${escapeHtml(op.operationId)}"><code>${method.toUpperCase()} ${escapeHtml(path)}</code></a> ${escapeHtml(op.summary)}</li>`)
          .join('')}</ul>`,
    )
    .join('')}</nav>
${byTag.map((tag) => `<section aria-label="${escapeHtml(tag.name)}"><h2>${escapeHtml(tag.name)}</h2><p>${escapeHtml(tag.description)}</p>${tag.operations.map(operationHtml).join('')}</section>`).join('\n')}
<section aria-labelledby="schemas"><h2 id="schemas">Schemas</h2>${Object.entries(doc.components.schemas).map(([name, schema]) => schemaHtml(name, schema)).join('\n')}</section>
</main>
</body>
</html>
`;
}

function operationHtml({ path, method, op }: { path: string; method: string; op: OpenApiOperation }): string {
  const body = op.requestBody?.content['application/json']?.schema;
  return `<article id="${escapeHtml(op.operationId)}"><h3><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h3><p><strong>${escapeHtml(op.summary)}</strong></p>${prose(op.description)}
${op.parameters?.length ? `<h4>Parameters</h4>${table(['Name', 'In', 'Type', 'Rules and meaning'], op.parameters.map((p) => [`<code>${escapeHtml(p.name)}</code>${p.required ? '' : ' (optional)'}`, p.in, typeHtml(p.schema), describe(p.schema, p.description)]))}` : ''}
${body ? `<h4>Body</h4><p>${typeHtml(body)}</p>` : ''}
<h4>Answers</h4>${table(
    ['Status', 'Content', 'What'],
    Object.entries(op.responses).map(([status, answer]) => [
      status,
      Object.entries(answer.content ?? {})
        .map(([type, { schema }]) => `${escapeHtml(type)}: ${typeHtml(schema)}`)
        .join('<br>'),
      escapeHtml(answer.description),
    ]),
  )}</article>`;
}

function schemaHtml(name: string, schema: JsonSchema): string {
  const variants = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  const shape = variants
    ? variants.map((v) => `<h4>${v.properties ? typeHtml(((v.properties as Record<string, JsonSchema>).type ?? {}) as JsonSchema) : ''}</h4>${fieldsHtml(v)}`).join('')
    : fieldsHtml(schema);
  return `<article id="${schemaAnchor(escapeHtml(name))}"><h3>${escapeHtml(name)}</h3>${typeof schema.description === 'string' ? prose(schema.description) : ''}${shape}</article>`;
}

function fieldsHtml(schema: JsonSchema): string {
  const fields = fieldsOf(schema);
  if (fields.length === 0) return `<p>${typeHtml(schema)}</p>`;
  return table(
    ['Field', 'Type', 'Rules and meaning'],
    fields.map((f) => [
      `<code>${escapeHtml(f.name)}</code>${f.required ? '' : ' (optional)'}`,
      f.schema.type === 'object' && f.schema.properties ? 'object' : typeHtml(f.schema),
      describe(f.schema, f.schema.description),
    ]),
  );
}

const describe = (schema: JsonSchema, description: unknown): string =>
  [rulesText(schema), typeof description === 'string' ? description : ''].filter(Boolean).map(escapeHtml).join('. ');

function table(headings: string[], rows: string[][]): string {
  return `<table><thead><tr>${headings.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** Paragraphs with `code` spans: the little markup the descriptions use. */
function prose(text: string): string {
  return text
    .split(/\n\n+/)
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('');
}

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
header, main { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { border-bottom: 4px solid #1d4f91; }
h2 { border-bottom: 1px solid #b1b4b6; margin-top: 2.5rem; }
article { border-top: 1px solid #dcdcdc; padding: 0.5rem 0 1rem; }
code { font: 0.9em/1.4 ui-monospace, monospace; background: #f3f2f1; padding: 0 0.2em; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #b1b4b6; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f2f1; }
td:first-child code { overflow-wrap: normal; white-space: nowrap; }
a { color: #1d4f91; }
a:focus { outline: 3px solid #fd0; }
nav ul { columns: 2 28rem; }
`;
