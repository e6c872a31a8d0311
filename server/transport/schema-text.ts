import type { JsonSchema } from '../../protocol/http/json-schemas.js';
import { COMPONENT_REF } from '../../protocol/http/json-schemas.js';

/** Text for the reference page, safe inside HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The anchor of a named schema on the reference page. */
export const schemaAnchor = (name: string): string => `schema-${name}`;

/**
 * A JSON Schema as a short type a person reads, TypeScript-like (`string | null`, `CaseView[]`,
 * `{ at: integer; mode: "remote" | … }`), with named schemas as links. HTML, escaped.
 */
export function typeHtml(schema: JsonSchema): string {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.slice(COMPONENT_REF.length);
    return `<a href="#${schemaAnchor(escapeHtml(name))}">${escapeHtml(name)}</a>`;
  }
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(' | ');
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return union.map(member).join(' | ');
  if (Array.isArray(schema.type)) return (schema.type as string[]).map((type) => typeHtml({ ...schema, type })).join(' | ');
  switch (schema.type) {
    case 'array':
      if (Array.isArray(schema.prefixItems)) return `[${(schema.prefixItems as JsonSchema[]).map(typeHtml).join(', ')}]`;
      return `${member((schema.items ?? {}) as JsonSchema)}[]`;
    case 'object':
      return objectHtml(schema);
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
    case 'null':
      return schema.type;
    default:
      return 'any';
  }
}

/** The rules a value must follow beyond its type (pattern, bounds, format, default), as plain text. */
export function rulesText(schema: JsonSchema): string {
  const rules: string[] = [];
  const say = (keyword: string, label: string) => {
    if (schema[keyword] !== undefined) rules.push(`${label} ${typeof schema[keyword] === 'string' ? schema[keyword] : JSON.stringify(schema[keyword])}`);
  };
  say('format', 'format');
  // A format says it better than its regular expression (zod writes both for date-times).
  if (schema.format === undefined) say('pattern', 'matches');
  say('minimum', '≥');
  say('maximum', '≤');
  say('minLength', 'length ≥');
  say('maxLength', 'length ≤');
  say('minItems', 'items ≥');
  say('maxItems', 'items ≤');
  say('default', 'default');
  return rules.join('; ');
}

/** The properties of an object schema, for a table: name, whether required, the schema. */
export function propertiesOf(schema: JsonSchema): { name: string; required: boolean; schema: JsonSchema }[] {
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => ({ name, required: required.has(name), schema: property }));
}

/**
 * As `propertiesOf`, with the fields of nested objects as rows of their own (`data.custodyRef`),
 * so each keeps its rules and meaning; an object that may be null stays one row.
 */
export function fieldsOf(schema: JsonSchema, prefix = ''): { name: string; required: boolean; schema: JsonSchema }[] {
  return propertiesOf(schema).flatMap((field) => {
    const name = prefix + field.name;
    const nested = field.schema.type === 'object' && field.schema.properties !== undefined;
    return nested ? [{ ...field, name }, ...fieldsOf(field.schema, `${name}.`)] : [{ ...field, name }];
  });
}

function objectHtml(schema: JsonSchema): string {
  const properties = propertiesOf(schema);
  if (properties.length > 0) return `{ ${properties.map((p) => `${escapeHtml(p.name)}${p.required ? '' : '?'}: ${typeHtml(p.schema)}`).join('; ')} }`;
  if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null)
    return `Record&lt;string, ${typeHtml(schema.additionalProperties as JsonSchema)}&gt;`;
  return schema.additionalProperties === false ? '{}' : 'object';
}

/** A union member or array item, bracketed when it is itself a union. */
function member(schema: JsonSchema): string {
  const text = typeHtml(schema);
  return text.includes(' | ') && !text.startsWith('{') ? `(${text})` : text;
}

const literal = (value: unknown): string => `<code>${escapeHtml(JSON.stringify(value))}</code>`;
