import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { compileModule } from 'svelte/compiler';

const ROOT = resolve(import.meta.dirname, '../..');
const PARTS = ['client/lib', 'protocol'];

const stripTypes = (source: string): string => transformSync(source, { loader: 'ts', target: 'es2022' }).code;

/** A module's runes compiled as Vite compiles them: esbuild strips the types, Svelte the runes. */
export function compileRunes(source: string, filename: string): string {
  return compileModule(filename.endsWith('.ts') ? stripTypes(source) : source, { generate: 'client', filename }).js.code;
}

/**
 * The client's stores and the protocol in a temporary folder, each `.ts` compiled to the `.js`
 * the others import (runes too), so Node or a test can run them against Svelte's client runtime
 * (`svelte/internal/client`, which the compiled code imports). `ref`: a commit to take them
 * from; null: this checkout.
 */
export function compiledClient(ref: string | null = null): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'nexus-client-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  if (ref) execFileSync('bash', ['-c', `git -C "${ROOT}" archive "${ref}" ${PARTS.join(' ')} | tar -x -C "${dir}"`]);
  else
    for (const part of PARTS) {
      mkdirSync(dirname(join(dir, part)), { recursive: true });
      execFileSync('cp', ['-r', join(ROOT, part), join(dir, part)]);
    }
  compileTree(dir);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function compileTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) compileTree(path);
    else if (path.endsWith('.ts')) {
      const source = readFileSync(path, 'utf8');
      const js = path.endsWith('.svelte.ts') ? compileRunes(source, path) : stripTypes(source);
      writeFileSync(path.replace(/\.ts$/, '.js'), js);
      rmSync(path);
    }
  }
}
