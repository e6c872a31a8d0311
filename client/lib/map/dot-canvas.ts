import { Browser, Canvas, Util, type Bounds, type Point, type RendererOptions } from 'leaflet';
import type { DotShape } from '../colours.js';

/** What the overrides below read and set of Leaflet's own (private) canvas renderer state. */
interface CanvasState {
  _ctx: CanvasRenderingContext2D | undefined;
  _bounds: Bounds | undefined;
  _redrawRequest: number | null;
  _postponeUpdatePaths: boolean;
  _redraw(): void;
  options: PaintedCanvasOptions;
}

/** Draws everything the canvas shows, in layer pixels (the context is already translated); returns how many things it drew. */
export type Painter = (ctx: CanvasRenderingContext2D, min: Point, max: Point) => number;

interface PaintedCanvasOptions extends RendererOptions {
  paint: Painter;
}

/** A canvas whose whole picture comes from one painter, redrawn at most once an animation frame. */
export interface PaintedCanvas extends Canvas {
  /** Asks for a redraw in the next animation frame; many asks in one frame make one redraw. */
  invalidate(): void;
}

/**
 * Leaflet's canvas renderer (its size, position, panning and zoom animation), but drawing from
 * one painter instead of Leaflet's path layers: the officers' layer keeps its own dots, works out
 * what changed, and only then asks for a frame. Leaflet's own redraw walks every path layer whose
 * box touches the union of the changed boxes, which for dots moving all over the country is all
 * of them, every second.
 */
const PaintedCanvasClass = Canvas.extend({
  // After a pan, zoom or resize Leaflet has resized and moved the canvas: draw it all again.
  _updatePaths(this: CanvasState): void {
    if (!this._postponeUpdatePaths) this._redraw();
  },
  _draw(this: CanvasState): void {
    this._redraw();
  },
  _redraw(this: CanvasState): void {
    if (this._redrawRequest) Util.cancelAnimFrame(this._redrawRequest);
    this._redrawRequest = null;
    const ctx = this._ctx;
    const { min, max } = this._bounds ?? {};
    if (!ctx || !min || !max) return;
    ctx.clearRect(min.x, min.y, max.x - min.x, max.y - min.y);
    const drawn = this.options.paint(ctx, min, max);
    // An empty canvas is taken out of the page: without a GPU, Chromium copies a canvas's pixels
    // whenever the layer it sits in is painted again (≈6 ms a tick for a wall-sized one), even
    // when nothing was drawn on it.
    ctx.canvas.style.display = drawn > 0 ? '' : 'none';
  },
  invalidate(this: CanvasState): void {
    this._redrawRequest ??= Util.requestAnimFrame(this._redraw, this);
  },
}) as unknown as new (options: PaintedCanvasOptions) => PaintedCanvas;

export function paintedCanvas(options: PaintedCanvasOptions): PaintedCanvas {
  return new PaintedCanvasClass(options);
}

/** A dot's look: a fill, an outline and its weight, and a shape (a circle by default). */
export interface DotOptions {
  fillColor?: string;
  color?: string;
  weight?: number;
  shape?: DotShape;
}

/**
 * Stamps a dot centred on (x, y), from a small image drawn once per style and shape. Without a
 * GPU (the benchmark, many office PCs), anti-aliasing 1,500 circles and their outlines cost
 * ≈15–20 ms of main thread; copying small images costs a fraction of that.
 */
export function drawDot(ctx: CanvasRenderingContext2D, x: number, y: number, radius: number, look: DotOptions): void {
  const { image, size } = stamp(radius, look);
  // Whole pixels: a stamp at a fractional position would be resampled, which costs more.
  ctx.drawImage(image, Math.round(x - size / 2), Math.round(y - size / 2), size, size);
}

interface Stamp {
  radius: number;
  color: string;
  weight: number;
  shape: DotShape;
  image: HTMLCanvasElement;
  /** Width and height in CSS pixels: even, so the centre falls on a pixel corner. */
  size: number;
}
/** By fill colour, the one thing that differs between dots. */
const stamps = new Map<string, Stamp[]>();

/** A triangle reaches further from its centre than a circle of the same radius. */
const TRIANGLE_REACH = 1.35;

/** A filled shape with its outline, at the density Leaflet gives its canvas. */
function stamp(radius: number, { fillColor = '#3388ff', color = '#3388ff', weight = 0, shape = 'circle' }: DotOptions): Stamp {
  const drawn = stamps.get(fillColor) ?? [];
  const known = drawn.find((s) => s.radius === radius && s.color === color && s.weight === weight && s.shape === shape);
  if (known) return known;
  const scale = Browser.retina ? 2 : 1;
  const size = Math.ceil(radius * TRIANGLE_REACH + weight) * 2 + 2;
  const image = document.createElement('canvas');
  image.width = image.height = size * scale;
  const ctx = image.getContext('2d')!;
  ctx.scale(scale, scale);
  trace(ctx, shape, size / 2, radius);
  // A ring is the status colour around white; every other shape is filled with it.
  ctx.fillStyle = shape === 'ring' ? '#ffffff' : fillColor;
  ctx.fill();
  if (weight > 0 || shape === 'ring') {
    ctx.lineWidth = shape === 'ring' ? Math.max(2, weight) : weight;
    ctx.strokeStyle = shape === 'ring' ? fillColor : color;
    ctx.stroke();
  }
  const made = { radius, color, weight, shape, image, size };
  stamps.set(fillColor, [...drawn, made]);
  return made;
}

/** The outline of a shape of about `r` pixels around (c, c). */
function trace(ctx: CanvasRenderingContext2D, shape: DotShape, c: number, r: number): void {
  ctx.beginPath();
  switch (shape) {
    case 'circle':
    case 'ring':
      ctx.arc(c, c, r, 0, Math.PI * 2);
      return;
    case 'square':
      ctx.rect(c - r * 0.9, c - r * 0.9, r * 1.8, r * 1.8);
      return;
    case 'triangle': {
      const reach = r * TRIANGLE_REACH;
      ctx.moveTo(c, c - reach);
      ctx.lineTo(c + reach * 0.866, c + reach * 0.5);
      ctx.lineTo(c - reach * 0.866, c + reach * 0.5);
      ctx.closePath();
      return;
    }
    default: {
      const never: never = shape;
      throw new Error(`Unknown dot shape ${String(never)}`);
    }
  }
}
