import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * `JSON.stringify(value)` for an object whose large fields are arrays, encoded a slice of
 * elements per turn of the event loop: a checkpoint of a national state is megabytes of JSON, and
 * encoding it in one go would hold every client's next update for tens of milliseconds.
 * The result is byte-for-byte what JSON.stringify gives.
 */
export async function stringifyInSlices(value: Readonly<Record<string, unknown>>, sliceSize = 500): Promise<string> {
  const fields: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || typeof field === 'function') continue;
    if (!Array.isArray(field) || field.length <= sliceSize) {
      fields.push(`${JSON.stringify(key)}:${JSON.stringify(field)}`);
      continue;
    }
    const slices: string[] = [];
    for (let i = 0; i < field.length; i += sliceSize) {
      // Strip the brackets of each slice's array and join the slices with commas.
      slices.push(JSON.stringify(field.slice(i, i + sliceSize)).slice(1, -1));
      await nextTurn();
    }
    fields.push(`${JSON.stringify(key)}:[${slices.join(',')}]`);
  }
  return `{${fields.join(',')}}`;
}
