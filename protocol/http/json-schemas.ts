import { z } from 'zod';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

export const COMPONENT_REF = '#/components/schemas/';
/** Schemas converted only to be inlined into one operation carry this prefix, and leave the components. */
const PRIVATE = '_';

/**
 * The JSON Schemas of one side of the API (what callers send, or what the server answers), made
 * by zod from the very schemas the server parses with. Named schemas become components that
 * others refer to; a route's own schemas (a query, an array of views) are converted in the same
 * pass, so what they contain is referred to by name, then inlined where the route is described.
 */
export class SchemaSet {
  readonly #registry = z.registry<{ id: string }>();
  readonly #ids = new Map<z.ZodType, string>();
  readonly #io: 'input' | 'output';
  #converted: Record<string, JsonSchema> | null = null;

  constructor(named: Record<string, z.ZodType>, io: 'input' | 'output') {
    this.#io = io;
    for (const [id, schema] of Object.entries(named)) this.#add(schema, id);
  }

  /** Promises the schema's JSON Schema once `convert` has run: a reference if it is named, else its own id to inline. */
  take(schema: z.ZodType, privateName: string): string {
    return this.#ids.get(schema) ?? this.#add(schema, PRIVATE + privateName);
  }

  convert(): void {
    const { schemas } = z.toJSONSchema(this.#registry, { io: this.#io, uri: (id) => COMPONENT_REF + id, override: dropSafeIntegerBounds });
    this.#converted = Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema as JsonSchema]));
  }

  /** What an operation writes for a schema `take` promised: a reference to a component, or the schema itself. */
  use(id: string): JsonSchema {
    if (!id.startsWith(PRIVATE)) return { $ref: COMPONENT_REF + id };
    return structuredClone(this.#schemas()[id]!);
  }

  /** The named components, and any private schema something still refers to. */
  components(): Record<string, JsonSchema> {
    const schemas = this.#schemas();
    const text = JSON.stringify(schemas);
    return Object.fromEntries(Object.entries(schemas).filter(([id]) => !id.startsWith(PRIVATE) || text.includes(`"${COMPONENT_REF}${id}"`)));
  }

  #schemas(): Record<string, JsonSchema> {
    if (!this.#converted) throw new Error('SchemaSet.convert() first');
    return this.#converted;
  }

  #add(schema: z.ZodType, id: string): string {
    this.#registry.add(schema, { id });
    this.#ids.set(schema, id);
    return id;
  }
}

/** `.int()` adds ±2^53−1 bounds to every integer: true, and noise on every page of the reference. */
function dropSafeIntegerBounds({ jsonSchema }: { jsonSchema: JsonSchema }): void {
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
}
