import { Browser, Canvas, type Point, type RendererOptions } from 'leaflet';

/** What the override below reads of Leaflet's own (private) canvas and circle state. */
interface CanvasState {
  _ctx: CanvasRenderingContext2D;
  _drawing: boolean;
}
interface CircleState {
  _point: Point;
  _radius: number;
  _empty(): boolean;
  options: { fillColor?: string; color?: string; weight?: number };
}

/**
 * Leaflet's canvas renderer, except that each circle is stamped from a small image drawn once
 * per style instead of being filled and stroked as a path. Without a GPU (the benchmark, many
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
  image: HTMLCanvasElement;
  /** Width and height in CSS pixels: even, so the centre falls on a pixel corner. */
  size: number;
}
/** By fill colour, the one thing that differs between dots. */
const stamps = new Map<string, Stamp[]>();

/** A filled circle with its outline, at the density Leaflet gives its canvas. */
function stamp(radius: number, { fillColor = '#3388ff', color = '#3388ff', weight = 0 }: CircleState['options']): Stamp {
  const drawn = stamps.get(fillColor) ?? [];
  const known = drawn.find((s) => s.radius === radius && s.color === color && s.weight === weight);
  if (known) return known;
  const scale = Browser.retina ? 2 : 1;
  const size = Math.ceil(radius + weight) * 2 + 2;
  const image = document.createElement('canvas');
  image.width = image.height = size * scale;
  const ctx = image.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, radius, 0, Math.PI * 2);
  ctx.fillStyle = fillColor;
  ctx.fill();
  if (weight > 0) {
    ctx.lineWidth = weight;
    ctx.strokeStyle = color;
    ctx.stroke();
  }
  const made = { radius, color, weight, image, size };
  stamps.set(fillColor, [...drawn, made]);
  return made;
}
