import { describe, expect, it } from 'vitest';
import type { SuiteView } from '../../protocol/index.js';
import { namesOf } from '../../client/lib/suite-names.js';

const suite = (id: string, name: string, pendingChecks = 0) => ({ id, name, pendingChecks }) as unknown as SuiteView;
const mapOf = (...suites: SuiteView[]) => new Map(suites.map((s) => [s.id, s]));

describe('suite names kept while only figures change', () => {
  const held = namesOf(mapOf(suite('a', 'Brixton'), suite('b', 'Croydon')), new Map());

  it('names every suite by id', () => {
    expect([...held]).toEqual([
      ['a', 'Brixton'],
      ['b', 'Croydon'],
    ]);
  });

  it('is the same map when the suites are new objects with new figures and the same names', () => {
    expect(namesOf(mapOf(suite('a', 'Brixton', 3), suite('b', 'Croydon', 1)), held)).toBe(held);
  });

  it('is a new map when a suite is renamed, added or gone', () => {
    expect(namesOf(mapOf(suite('a', 'Brixton'), suite('b', 'Croydon Custody')), held).get('b')).toBe('Croydon Custody');
    expect(namesOf(mapOf(suite('a', 'Brixton'), suite('b', 'Croydon'), suite('c', 'Sutton')), held).get('c')).toBe('Sutton');
    expect([...namesOf(mapOf(suite('a', 'Brixton')), held).keys()]).toEqual(['a']);
    expect(namesOf(mapOf(suite('a', 'Brixton'), suite('c', 'Croydon')), held)).not.toBe(held);
  });
});
