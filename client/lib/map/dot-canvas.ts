import { Browser, Canvas, type Point, type RendererOptions } from 'leaflet';
import type { DotShape } from '../colours.js';

/** What the override below reads of Leaflet's own (private) canvas and circle state. */
interface CanvasState {
  _ctx: CanvasRenderingContext2D;
  _drawing: boolean;
}
interface CircleState {
  _point: Point;
  _radius: number;
  _empty(): boolean;
  options: DotOptions;
}

/** A dot's look: Leaflet's own fill, outline and weight, and our shape (a circle by default). */
export interface DotOptions {
  fillColor?: string;
  color?: string;
  weight?: number;
  shape?: DotShape;
}

/**
 * Leaflet's canvas renderer, except that each circle is stamped from a small image drawn once
 * per style (and shape: see OFFICER_SHAPE) instead of being filled and stroked as a path. Without a GPU (the benchmark, many
 * office PCs), anti-aliasing 1,500 circles and their outlines every second cost ≈15–20 ms of
 * main thread; copying 1,500 small images costs a fraction of that. Everything else (panning,
 * zoom animation, which part to redraw) is Leaflet's.
 */
const DotCanvas = Canvas.extend({
  _updateCircle(this: CanvasState, layer: CircleState): void {
    if (!this._drawing || layer._empty()) return;
    const { image, size } = stamp(layer._radius, layer.options);
    // Whole pixels: a stamp at a fractional position would be resampled, which costs more.
    this._ctx.drawImage(image, Math.round(layer._point.x - size / 2), Math.round(layer._point.y - size / 2), size, size);
  },
}) as unknown as new (options?: RendererOptions) => Canvas;

export function dotCanvas(options?: RendererOptions): Canvas {
  return new DotCanvas(options);
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
