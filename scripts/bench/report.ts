import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fmt, type MeasureResult } from './result.js';

export interface RunInfo {
  machine: string;
  /** 1-minute load averages at start and end: other work on the machine shows here. */
  load: string;
  code: string;
  date: string;
  command: string;
  seconds: number;
}

/** Which code was measured: the commit, and whether the tree had uncommitted changes. */
function codeVersion(): string {
  if (process.env.BENCH_CODE) return process.env.BENCH_CODE;
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'protocol', 'server', 'db', 'client'], { encoding: 'utf8' }).trim();
    return `commit ${commit}${dirty ? ' with uncommitted changes in protocol/server/db/client' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export function runInfo(command: string, seconds: number, loadAtStart: number): RunInfo {
  const cpu = cpus();
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    dateStyle: 'long',
    timeStyle: 'long',
  }).format(new Date());
  return {
    machine: `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}`,
    load: `${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end (${cpu.length} cores)`,
    code: codeVersion(),
    date,
    command,
    seconds,
  };
}

const ratioText = (r: number | null) => (r === null || !Number.isFinite(r) ? '—' : `${fmt(r, 2)}×`);

/** The table for the terminal: fixed-width columns. */
export function consoleTable(results: readonly MeasureResult[]): string {
  const header = ['#', 'metric', 'ours', 'baseline', 'ratio', 'target', ''];
  const lines: string[][] = [header];
  for (const r of results) {
    if (r.error) lines.push([String(r.id), `${r.title}: NOT MEASURED`, r.error.slice(0, 80), '', '', '', 'MISS']);
    for (const x of r.rows) lines.push([String(r.id), x.metric, x.ours, x.baseline, ratioText(x.ratio), x.target, x.verdict]);
  }
  const widths = header.map((_, i) => Math.min(60, Math.max(...lines.map((l) => (l[i] ?? '').length))));
  return lines.map((l) => l.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

const cell = (s: string) => s.replaceAll('|', '\\|');

/** docs/benchmarks.md: what ran where, the table, how each measure was run, and why any missed. */
export function markdown(results: readonly MeasureResult[], info: RunInfo, analysis: string): string {
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(
    '`npm run bench` runs the suite below against the real server (engine, SQLite store, Socket.IO) and',
    'writes this file. It is not part of `npm test` (a smoke version in `test/bench/smoke.test.ts` is).',
    'Every figure is compared with a baseline measured in the same process and the same run, so the',
    'ratio holds on a noisy machine; the absolute figure is beside it.',
    '',
    'Rows marked "2-node cluster" and measure 9 run two nodes, each a process of its own, over',
    'PostgreSQL and Redis (`NEXUS_BENCH_PG_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`,',
    'where each measure creates its own database and drops it; `NEXUS_BENCH_REDIS_URL`, default',
    '`redis://127.0.0.1:6379`). Their baseline is the single SQLite node\'s figure from the same run.',
    '`npm run bench -- --only=1c,4c,8c,9` runs those alone.',
    '',
  );
  out.push(`- **Machine**: ${info.machine}`);
  out.push(`- **Load average**: ${info.load}`);
  out.push(`- **Code**: ${info.code}`);
  out.push(`- **Date**: ${info.date}`);
  out.push(`- **Command**: \`${info.command}\``);
  out.push(`- **Duration**: ${fmt(info.seconds, 0)} s`, '');
  out.push('## Results', '');
  out.push('| # | Measure | Metric | Ours | Baseline | Ratio | Target | |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    if (r.error) out.push(`| ${r.id} | ${cell(r.title)} | not measured | — | — | — | — | MISS: ${cell(r.error)} |`);
    r.rows.forEach((x, i) =>
      out.push(
        `| ${r.id} | ${i === 0 ? cell(r.title) : ''} | ${cell(x.metric)} | ${cell(x.ours)} | ${cell(x.baseline)} | ${ratioText(x.ratio)} | ${cell(x.target)} | ${x.verdict === 'MISS' ? '**MISS**' : x.verdict} |`,
      ),
    );
  }
  out.push('', '## How each measure runs', '');
  for (const r of results) {
    out.push(`**${r.id}. ${r.title}**${r.seconds !== undefined ? ` (${fmt(r.seconds, 0)} s)` : ''}: ${r.setup}`, '');
    for (const n of r.notes ?? []) out.push(`- ${n}`);
    if (r.notes?.length) out.push('');
  }
  if (analysis.trim()) out.push(analysis.trim(), '');
  return out.join('\n');
}
