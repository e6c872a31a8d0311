/**
 * Why measure 6's page costs what it does per frame: its composited layers (and why each is one),
 * and, over a few idle and ticking seconds, what each frame invalidated (style, layout, paint) and
 * which layers it painted. An experiment for finding rendering cost, not a measure.
 *   npx vite build --outDir /tmp/nexus-look && node --import tsx scripts/bench/client-layers.ts /tmp/nexus-look [width height]
 * ZOOMED=1 clicks a count badge first (officers drawn as dots). CPU_ONLY=1 leaves invalidation
 * tracking out (it costs time of its own) and traces SECONDS_EACH (8) seconds: the main thread's
 * CPU time then compares two builds; run them alternately, several times, as the machine is shared.
 */
import { startClientWorld } from './client-world.js';
import { sleep } from './time.js';
import type { TraceEvent } from './trace-event.js';

const [clientDir, w = '1920', h = '1080'] = process.argv.slice(2);
if (!clientDir) throw new Error('usage: client-layers.ts <built client dir> [width height]');

interface Layer {
  layerId: string;
  parentLayerId?: string;
  backendNodeId?: number;
  width: number;
  height: number;
  offsetX: number;
  offsetY: number;
  drawsContent: boolean;
  paintCount: number;
}

const world = await startClientWorld(clientDir);
try {
  const page = await world.open(Number(w), Number(h));
  const cdp = await page.context().newCDPSession(page);
  await sleep(1500);
  // ZOOMED=1: zoomed in on a count badge, as a person clicking it, where officers are dots on the canvas.
  if (process.env.ZOOMED === '1') {
    await page.locator('.officer-count').first().click();
    await sleep(1500);
    console.log(`zoomed in: ${await page.getByTestId('map').getAttribute('data-officer-dots')} dots`);
  }
  let layers: Layer[] = [];
  cdp.on('LayerTree.layerTreeDidChange', (e: { layers?: Layer[] }) => (layers = e.layers ?? layers));
  await cdp.send('DOM.enable');
  await cdp.send('DOM.getDocument', { depth: -1 });
  await cdp.send('LayerTree.enable');
  await world.tick();
  await sleep(1200);
  const describe = async (l: Layer) => {
    let node = '';
    if (l.backendNodeId) {
      try {
        const { nodeIds } = await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [l.backendNodeId] });
        const { node: n } = await cdp.send('DOM.describeNode', { nodeId: nodeIds[0] });
        const attrs = n.attributes ?? [];
        const cls = attrs[attrs.indexOf('class') + 1];
        node = `${n.nodeName.toLowerCase()}${attrs.includes('class') ? '.' + String(cls).trim().split(/\s+/).join('.') : ''}`;
      } catch {
        node = '?';
      }
    }
    let reasons: string[] = [];
    try {
      reasons = (await cdp.send('LayerTree.compositingReasons', { layerId: l.layerId })).compositingReasonIds ?? [];
    } catch {
      // A layer gone since the list was sent: no reasons to give.
    }
    return `${l.layerId.padStart(4)} ${String(l.width).padStart(5)}×${String(l.height).padEnd(5)} at ${l.offsetX},${l.offsetY} ${l.drawsContent ? 'draws' : '     '} paints ${String(l.paintCount).padStart(4)}  ${node}  ${reasons.join(',')}`;
  };
  console.log(`${layers.length} layers:`);
  for (const l of layers) console.log(await describe(l));

  await cdp.send('LayerTree.disable');
  const cpuOnly = process.env.CPU_ONLY === '1';
  const seconds = cpuOnly ? Number(process.env.SECONDS_EACH ?? 8) : 3;
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', ...(cpuOnly ? [] : ['disabled-by-default-devtools.timeline.invalidationTracking'])];
  const idle: TraceEvent[] = [];
  const ticking: TraceEvent[] = [];
  for (const [list, tick] of [[idle, false], [ticking, true]] as const) {
    await world.browser.startTracing(page, { categories });
    for (let i = 0; i < seconds; i++) {
      const t0 = Date.now();
      if (tick) await world.tick();
      await sleep(1000 - (Date.now() - t0));
    }
    const json = JSON.parse((await world.browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    list.push(...json.traceEvents);
  }
  for (const [name, events] of [['idle', idle], ['ticking', ticking]] as const) {
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'Paint'));
    const mine = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid);
    let busy = 0;
    let end = 0;
    for (const e of mine.filter((x) => x.ph === 'X' && x.dur !== undefined).sort((a, b) => a.ts - b.ts)) {
      if (e.ts >= end) {
        busy += e.tdur ?? e.dur!;
        end = e.ts + e.dur!;
      }
    }
    console.log(`\n=== ${name}: main thread busy ${(busy / seconds / 1000).toFixed(2)} ms CPU per second`);
    const cpu = new Map<string, number>();
    for (const e of mine) if (e.ph === 'X' && ['Paint', 'Layout', 'UpdateLayoutTree', 'PrePaint', 'Layerize', 'Commit', 'FunctionCall', 'FireAnimationFrame', 'RunTask'].includes(e.name)) cpu.set(e.name, (cpu.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0));
    const count = new Map<string, number>();
    const add = (k: string) => count.set(k, (count.get(k) ?? 0) + 1);
    for (const e of mine) {
      const d = e.args?.data as Record<string, unknown> | undefined;
      if (e.name.endsWith('InvalidationTracking')) add(`${e.name} ${String(d?.reason ?? '')} ${String(d?.nodeName ?? '')}`.slice(0, 160));
      if (e.name === 'Paint' && e.ph === 'X') add(`Paint layer ${String(d?.layerId ?? '')} node ${String(d?.nodeId ?? '')} clip ${JSON.stringify(d?.clip ?? '')}`.slice(0, 160));
      if (e.name === 'Layout' && e.ph === 'X') add(`Layout`);
      if (e.name === 'UpdateLayoutTree' && e.ph === 'X') add(`UpdateLayoutTree elements ${String((e.args as { elementCount?: number } | undefined)?.elementCount ?? '')}`);
    }
    const rendering = ['Paint', 'Layout', 'UpdateLayoutTree', 'PrePaint', 'Layerize', 'Commit'].reduce((n, k) => n + (cpu.get(k) ?? 0), 0);
    console.log(`=== ${name}: rendering (style, layout, paint, layerize, commit) ${(rendering / seconds / 1000).toFixed(2)} ms CPU per second`);
    console.log(`\n--- ${name}, ${seconds} s: CPU per second (inclusive)`);
    for (const [k, us] of [...cpu].sort((a, b) => b[1] - a[1])) console.log(`${(us / seconds / 1000).toFixed(2).padStart(7)} ms  ${k}`);
    console.log(`--- ${name}, ${seconds} s: events on the main thread`);
    for (const [k, n] of [...count].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`${String(n).padStart(5)}  ${k}`);
  }
} finally {
  await world.close();
}
process.exit(0);
