/**
 * Moves an embedded SQLite database into a new, empty PostgreSQL database and proves the copy:
 * `npm run db:copy-to-pg -- <sqlite file> <postgres url>`. Exits 0 when every recount matches,
 * 1 when any does not (or the target is not empty, or the copy failed), 2 on wrong arguments.
 */
import { copySqliteToPg, TargetNotEmpty } from '../db/copy-to-pg.js';

const [sqlitePath, pgUrl, ...extra] = process.argv.slice(2);
if (!sqlitePath || !pgUrl || extra.length > 0 || !/^postgres(ql)?:\/\//.test(pgUrl)) {
  console.error('usage: npm run db:copy-to-pg -- <sqlite file> <postgres://user@host:port/database>');
  process.exit(2);
}

try {
  const checks = await copySqliteToPg(sqlitePath, pgUrl);
  const width = Math.max(...checks.map((c) => c.what.length));
  for (const c of checks) {
    console.log(`${c.ok ? 'ok      ' : 'MISMATCH'}  ${c.what.padEnd(width)}  ${c.source}${c.ok ? '' : `  ≠  ${c.target}`}`);
  }
  const bad = checks.filter((c) => !c.ok).length;
  console.log(bad ? `${bad} check(s) failed: do not use the copy.` : `Copied and verified: ${checks.length} checks match.`);
  process.exitCode = bad ? 1 : 0;
} catch (error) {
  console.error(error instanceof TargetNotEmpty ? error.message : `The copy failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
