/**
 * Column-wise encoding of a list of same-shaped records, for the snapshot: 10,000 open cases as
 * rows repeat twenty key names each and interleave unlike values, which neither JSON nor gzip
 * handles well. As columns, each field is stored once, and values that repeat (suite, region,
 * nationality) or creep up (times) become small numbers that compress to a byte or less.
 */

/**
 * How one field is stored:
 * - `plain`: the values as they are;
 * - `dict`: each distinct value once, then an index per record (few distinct values);
 * - `delta`: whole numbers as the difference from the previous non-null one (times in arrival order);
 * - `{ minus: field }`: whole numbers as the difference from another field of the same record
 *   (a PACE deadline is its relevant time plus 24 or 36 hours);
 * - `{ fields }`: an object in every record (never null), as columns of its own (see `nested`).
 * A column that does not suit its codec (fractions, strings where numbers were expected) is stored
 * plainly instead, so decoding is always exact.
 */
export type Codec<T> = 'plain' | 'dict' | 'delta' | { minus: NumericKeyOf<T> } | { fields: TableCodec<never> };
type NumericKeyOf<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T] & string;

/** Every field must say how it is stored, so a new field breaks the build, not the wall display. */
export type TableCodec<T> = { readonly [K in keyof T]-?: Codec<T> };

/** The codec of an object-valued field: its own fields as columns. */
export function nested<S>(fields: TableCodec<S>): { fields: TableCodec<never> } {
  return { fields: fields as unknown as TableCodec<never> };
}

export type EncodedColumn =
  | { plain: unknown[] }
  | { dict: unknown[]; at: number[] }
  | { delta: (number | null)[] }
  | { minus: string; by: (number | null)[] }
  | { fields: Record<string, EncodedColumn> };

export interface Table {
  n: number;
  columns: Record<string, EncodedColumn>;
}

export function encodeTable<T extends object>(rows: readonly T[], codec: TableCodec<T>): Table {
  const columns: Record<string, EncodedColumn> = {};
  const read = (field: string): unknown[] => {
    const values = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = (rows[i] as Record<string, unknown>)[field];
    return values;
  };
  for (const field of Object.keys(codec) as (keyof T & string)[]) columns[field] = encodeColumn(read(field), codec[field], read);
  return { n: rows.length, columns };
}

export function decodeTable<T>(table: Table): T[] {
  const fields = Object.keys(table.columns);
  const decoded = new Map<string, unknown[]>();
  // `minus` columns read a field decoded before them, whatever order the columns came in.
  for (const field of [...fields.filter((f) => !('minus' in table.columns[f]!)), ...fields.filter((f) => 'minus' in table.columns[f]!)]) {
    decoded.set(field, decodeColumn(table.columns[field]!, decoded, table.n));
  }
  // Each record built once, its fields in the encoder's order, so records share one shape.
  const columns = fields.map((f) => decoded.get(f)!);
  const rows = new Array<T>(table.n);
  for (let i = 0; i < table.n; i++) {
    const row: Record<string, unknown> = {};
    for (let k = 0; k < fields.length; k++) row[fields[k]!] = columns[k]![i];
    rows[i] = row as T;
  }
  return rows;
}

function encodeColumn<T>(values: unknown[], codec: Codec<T>, read: (field: string) => unknown[]): EncodedColumn {
  if (codec === 'plain') return { plain: values };
  if (codec === 'dict') return dictionary(values);
  if (typeof codec === 'object' && 'fields' in codec) {
    if (!values.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) return { plain: values };
    return { fields: encodeTable(values as object[], codec.fields as TableCodec<object>).columns };
  }
  // Whole numbers only (or null): differences of fractions would not add back exactly. Anything
  // else is stored plainly, so decoding is always exact.
  if (!values.every((v) => v === null || Number.isSafeInteger(v))) return { plain: values };
  if (codec === 'delta') {
    const delta = new Array<number | null>(values.length);
    let previous = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number | null;
      delta[i] = v === null ? null : v - previous;
      if (v !== null) previous = v;
    }
    return { delta };
  }
  const bases = read((codec as { minus: string }).minus);
  if (values.some((v, i) => v !== null && !Number.isSafeInteger(bases[i]))) return { plain: values };
  return { minus: (codec as { minus: string }).minus, by: values.map((v, i) => (v === null ? null : (v as number) - (bases[i] as number))) };
}

function dictionary(values: readonly unknown[]): EncodedColumn {
  // Primitives are their own keys; objects are keyed by their JSON, so equal ones share an entry.
  const primitives = new Map<unknown, number>();
  const objects = new Map<string, number>();
  const dict: unknown[] = [];
  const at = new Array<number>(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k] ?? null;
    const json = typeof v === 'object' && v !== null ? JSON.stringify(v) : null;
    let i = json === null ? primitives.get(v) : objects.get(json);
    if (i === undefined) {
      i = dict.length;
      if (json === null) primitives.set(v, i);
      else objects.set(json, i);
      dict.push(v);
    }
    at[k] = i;
  }
  return { dict, at };
}

function decodeColumn(column: EncodedColumn, decoded: ReadonlyMap<string, unknown[]>, n: number): unknown[] {
  if ('plain' in column) return column.plain;
  if ('fields' in column) return decodeTable({ n, columns: column.fields });
  if ('dict' in column) return column.at.map((i) => column.dict[i]);
  if ('delta' in column) {
    let previous = 0;
    return column.delta.map((d) => (d === null ? null : (previous += d)));
  }
  const bases = decoded.get(column.minus) ?? [];
  return column.by.map((d, i) => (d === null ? null : (bases[i] as number) + d));
}
