/** One event of a Chromium trace, as `browser.stopTracing()` writes it (what trace-summary.ts and client-layers.ts read). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** CPU time of the thread during the event: wall time less any time the OS ran something else. */
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number; type?: string } };
}
