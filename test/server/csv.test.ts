import { describe, expect, it } from 'vitest';
import { toCsv } from '../../server/transport/csv.js';

describe('CSV exports', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+44 20 7946 0000', `"'+44 20 7946 0000"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['Brixton, "South"', `"Brixton, ""South"""`],
  ])('neutralises %j', (input, expected) => {
    expect(toCsv(['a'], [[input]]).split('\r\n')[1]).toBe(expected);
  });

  it('keeps numbers as numbers, including negatives, and null as empty', () => {
    expect(toCsv(['n', 'm', 'x'], [[42, -3, null]])).toBe('"n","m","x"\r\n"42","-3",""\r\n');
  });
});
