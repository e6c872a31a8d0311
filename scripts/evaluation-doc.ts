import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** docs/evaluation.md, where the evidence scripts put their tables for people to read. */
export const EVALUATION_DOC = fileURLToPath(new URL('../docs/evaluation.md', import.meta.url));

/**
 * Replaces the generated block `name` in docs/evaluation.md (between `<!-- name:start -->` and
 * `<!-- name:end -->`), leaving the written prose around it alone; appends the block if missing.
 * Scripts regenerate their figures; people write the reading of them.
 */
export function writeSection(name: string, markdown: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let doc = '';
  try {
    doc = readFileSync(EVALUATION_DOC, 'utf8');
  } catch {
    doc = '# Evaluation\n';
  }
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  const next = from >= 0 && to > from ? doc.slice(0, from) + block + doc.slice(to + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(EVALUATION_DOC, next);
}

/** A markdown table from a header row and body rows. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}
