// The contour map: the surface as a colour ramp with isolines, every path,
// the draggable start point, the current step and the geometry overlay.

import { isolines, normalizeLogarithmic, pathColor, surfaceColor } from './contour';
import type { LocalGeometry, Path, Point, SurfaceInfo } from './engine';
import { VALUES_PER_STEP } from './engine';

export interface MapCallbacks {
  /** The start point moved to `p`; `done` is true when the drag ends. */
  onStartMove(p: Point, done: boolean): void;
  /** A path point was clicked. */
  onPick(path: number, step: number): void;
  /** The pointer is over a path point, or left them (null). */
  onHover(target: { path: number; step: number } | null): void;
}

interface Frame {
  /** Canvas pixels per unit of x and y (the same for both, so angles are true). */
  scale: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

const ISOLINE_COUNT = 14;
const GRID = 161;

export class MapView {
  private view: SurfaceInfo['view'] = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };
  private info: SurfaceInfo | null = null;
  private gridValues: Float64Array | null = null;
  private background: HTMLCanvasElement | null = null;
  private frame: Frame = { scale: 1, left: 0, top: 0, width: 1, height: 1 };
  private paths: Path[] = [];
  private start: Point = { x: 0, y: 0 };
  private step = 0;
  private selected = 0;
  private geometry: { at: Point; local: LocalGeometry } | null = null;
  private dragging = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly callbacks: MapCallbacks,
  ) {
    canvas.addEventListener('pointerdown', (event) => this.pointerDown(event));
    canvas.addEventListener('pointermove', (event) => this.pointerMove(event));
    canvas.addEventListener('pointerup', (event) => this.pointerUp(event));
    canvas.addEventListener('pointercancel', (event) => this.pointerUp(event));
    canvas.addEventListener('pointerleave', () => this.callbacks.onHover(null));
    canvas.addEventListener('keydown', (event) => this.keyDown(event));
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

  /** The number of grid points per side that setSurface expects. */
  static readonly gridSize = GRID;

  setSurface(info: SurfaceInfo, values: Float64Array): void {
    this.info = info;
    this.view = info.view;
    this.gridValues = values;
    this.background = null;
    this.draw();
  }

  setPaths(paths: Path[], start: Point): void {
    this.paths = paths;
    this.start = start;
    this.draw();
  }

  setStep(step: number, selected: number): void {
    this.step = step;
    this.selected = selected;
    this.draw();
  }

  setGeometry(geometry: { at: Point; local: LocalGeometry } | null): void {
    this.geometry = geometry;
    this.draw();
  }

  toPng(): Promise<Blob | null> {
    return new Promise((resolve) => this.canvas.toBlob(resolve, 'image/png'));
  }

  /** Returns the viewport coordinates of `p`, for pointer events. */
  clientPoint(p: Point): { x: number; y: number } {
    const rect = this.canvas.getBoundingClientRect();
    const ratio = rect.width / this.canvas.width;
    const [cx, cy] = this.toCanvas(p);
    return { x: rect.left + cx * ratio, y: rect.top + cy * ratio };
  }

  private resize(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(this.canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(this.canvas.clientHeight * ratio));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.background = null;
      this.draw();
    }
  }

  private computeFrame(): Frame {
    const ratio = window.devicePixelRatio || 1;
    const marginLeft = 44 * ratio;
    const marginBottom = 28 * ratio;
    const pad = 8 * ratio;
    const availableWidth = this.canvas.width - marginLeft - pad;
    const availableHeight = this.canvas.height - marginBottom - pad;
    const spanX = this.view.xMax - this.view.xMin;
    const spanY = this.view.yMax - this.view.yMin;
    const scale = Math.max(1e-9, Math.min(availableWidth / spanX, availableHeight / spanY));
    const width = spanX * scale;
    const height = spanY * scale;
    return {
      scale,
      width,
      height,
      left: marginLeft + (availableWidth - width) / 2,
      top: pad + (availableHeight - height) / 2,
    };
  }

  private toCanvas(p: Point): [number, number] {
    const f = this.frame;
    return [f.left + (p.x - this.view.xMin) * f.scale, f.top + (this.view.yMax - p.y) * f.scale];
  }

  private toSurface(cx: number, cy: number): Point {
    const f = this.frame;
    return { x: this.view.xMin + (cx - f.left) / f.scale, y: this.view.yMax - (cy - f.top) / f.scale };
  }

  private buildBackground(): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    canvas.width = this.canvas.width;
    canvas.height = this.canvas.height;
    const context = canvas.getContext('2d')!;
    const f = this.frame;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    if (this.gridValues) {
      const normalized = normalizeLogarithmic(this.gridValues);
      const image = new ImageData(GRID, GRID);
      for (let row = 0; row < GRID; ++row) {
        for (let col = 0; col < GRID; ++col) {
          const t = normalized[row * GRID + col];
          // Row 0 is the bottom of the view, the last row of the image.
          const offset = ((GRID - 1 - row) * GRID + col) * 4;
          const [r, g, b] = Number.isNaN(t) ? [200, 200, 200] : surfaceColor(t);
          image.data[offset] = r;
          image.data[offset + 1] = g;
          image.data[offset + 2] = b;
          image.data[offset + 3] = 255;
        }
      }
      const tile = document.createElement('canvas');
      tile.width = GRID;
      tile.height = GRID;
      tile.getContext('2d')!.putImageData(image, 0, 0);
      context.imageSmoothingEnabled = true;
      context.drawImage(tile, f.left, f.top, f.width, f.height);

      context.save();
      context.beginPath();
      context.rect(f.left, f.top, f.width, f.height);
      context.clip();
      context.strokeStyle = 'rgba(255, 255, 255, 0.55)';
      context.lineWidth = Math.max(1, f.scale * 0.004);
      const cell = f.width / (GRID - 1);
      for (let i = 1; i <= ISOLINE_COUNT; ++i) {
        context.beginPath();
        for (const [x0, y0, x1, y1] of isolines(normalized, GRID, GRID, i / (ISOLINE_COUNT + 1))) {
          context.moveTo(f.left + x0 * cell, f.top + f.height - y0 * cell);
          context.lineTo(f.left + x1 * cell, f.top + f.height - y1 * cell);
        }
        context.stroke();
      }
      context.restore();
    }
    this.drawAxes(context);
    return canvas;
  }

  private drawAxes(context: CanvasRenderingContext2D): void {
    const ratio = window.devicePixelRatio || 1;
    const f = this.frame;
    context.strokeStyle = '#444';
    context.lineWidth = ratio;
    context.strokeRect(f.left, f.top, f.width, f.height);
    context.fillStyle = '#222';
    context.font = `${11 * ratio}px system-ui, sans-serif`;
    const ticks = (low: number, high: number) => {
      const raw = (high - low) / 6;
      const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
      const values: number[] = [];
      for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) {
        values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
      }
      return values;
    };
    const label = (v: number) => String(Number(v.toPrecision(6)));
    context.textAlign = 'center';
    context.textBaseline = 'top';
    for (const x of ticks(this.view.xMin, this.view.xMax)) {
      const [cx] = this.toCanvas({ x, y: this.view.yMin });
      context.fillRect(cx, f.top + f.height, ratio, 4 * ratio);
      context.fillText(label(x), cx, f.top + f.height + 6 * ratio);
    }
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    for (const y of ticks(this.view.yMin, this.view.yMax)) {
      const [, cy] = this.toCanvas({ x: this.view.xMin, y });
      context.fillRect(f.left - 4 * ratio, cy, 4 * ratio, ratio);
      context.fillText(label(y), f.left - 6 * ratio, cy);
    }
  }

  draw(): void {
    const context = this.canvas.getContext('2d');
    if (!context) {
      return;
    }
    if (!this.background) {
      this.frame = this.computeFrame();
      this.background = this.buildBackground();
    }
    context.drawImage(this.background, 0, 0);
    const f = this.frame;
    context.save();
    context.beginPath();
    context.rect(f.left, f.top, f.width, f.height);
    context.clip();
    this.drawMinimizers(context);
    if (this.geometry) {
      this.drawGeometry(context, this.geometry.local);
    }
    this.drawPaths(context);
    this.drawStart(context);
    this.drawLegend(context);
    context.restore();
  }

  // One row per optimizer in its colour, then the geometry's line styles.
  private drawLegend(context: CanvasRenderingContext2D): void {
    const ratio = window.devicePixelRatio || 1;
    const colors = this.colorIndices();
    const rows: [string, string, boolean][] = [];
    this.paths.forEach((path, i) => {
      if (path.info.repeat === 0) {
        rows.push([path.info.label, pathColor(colors[i]), false]);
      }
    });
    if (this.geometry) {
      rows.push(['λmax', '#ff4d4d', true], ['λmin', '#ffe14d', true]);
    }
    if (rows.length === 0) {
      return;
    }
    context.font = `${12 * ratio}px system-ui, sans-serif`;
    const line = 16 * ratio;
    const width = Math.max(...rows.map(([label]) => context.measureText(label).width)) + 40 * ratio;
    const x = this.frame.left + 8 * ratio;
    const y = this.frame.top + 8 * ratio;
    context.fillStyle = 'rgba(255, 255, 255, 0.85)';
    context.fillRect(x, y, width, rows.length * line + 8 * ratio);
    context.textAlign = 'left';
    context.textBaseline = 'middle';
    rows.forEach(([label, color, dashed], i) => {
      const cy = y + 4 * ratio + line * (i + 0.5);
      context.strokeStyle = dashed ? '#555' : color;
      context.lineWidth = 3 * ratio;
      context.setLineDash(dashed ? [5 * ratio, 3 * ratio] : []);
      context.beginPath();
      context.moveTo(x + 6 * ratio, cy);
      context.lineTo(x + 26 * ratio, cy);
      context.stroke();
      if (dashed) {
        context.strokeStyle = color;
        context.lineWidth = 2 * ratio;
        context.stroke();
      }
      context.setLineDash([]);
      context.fillStyle = '#111';
      context.fillText(label, x + 32 * ratio, cy);
    });
  }

  private drawMinimizers(context: CanvasRenderingContext2D): void {
    const ratio = window.devicePixelRatio || 1;
    context.strokeStyle = '#ffffff';
    context.lineWidth = 2 * ratio;
    for (const m of this.info?.minimizers ?? []) {
      const [cx, cy] = this.toCanvas(m);
      const r = 6 * ratio;
      context.beginPath();
      context.moveTo(cx - r, cy - r);
      context.lineTo(cx + r, cy + r);
      context.moveTo(cx - r, cy + r);
      context.lineTo(cx + r, cy - r);
      context.stroke();
    }
  }

  private drawPaths(context: CanvasRenderingContext2D): void {
    const ratio = window.devicePixelRatio || 1;
    context.lineJoin = 'round';
    context.lineCap = 'round';
    const trace = (path: Path, last: number) => {
      context.beginPath();
      for (let k = 0; k <= last; ++k) {
        const [cx, cy] = this.toCanvas({ x: path.values[k * VALUES_PER_STEP], y: path.values[k * VALUES_PER_STEP + 1] });
        if (k === 0) {
          context.moveTo(cx, cy);
        } else {
          context.lineTo(cx, cy);
        }
      }
      context.stroke();
    };
    const colorIndex = this.colorIndices();
    this.paths.forEach((path, i) => {
      const color = pathColor(colorIndex[i]);
      const emphasis = i === this.selected ? 1.5 : 1;
      const faint = path.info.repeat > 0;
      context.strokeStyle = color;
      context.globalAlpha = faint ? 0.15 : 0.35;
      context.lineWidth = 1.5 * ratio * emphasis;
      trace(path, path.length - 1);
      context.globalAlpha = faint ? 0.35 : 1;
      context.lineWidth = 2.25 * ratio * emphasis;
      trace(path, Math.min(this.step, path.length - 1));
      context.globalAlpha = 1;
    });
    this.paths.forEach((path, i) => {
      if (path.info.repeat > 0) {
        return;
      }
      const k = Math.min(this.step, path.length - 1);
      const [cx, cy] = this.toCanvas({ x: path.values[k * VALUES_PER_STEP], y: path.values[k * VALUES_PER_STEP + 1] });
      context.beginPath();
      context.arc(cx, cy, (i === this.selected ? 6.5 : 5) * ratio, 0, 2 * Math.PI);
      context.fillStyle = pathColor(colorIndex[i]);
      context.fill();
      context.strokeStyle = '#ffffff';
      context.lineWidth = 1.5 * ratio;
      context.stroke();
    });
  }

  /** Repeats of one optimizer share its colour. */
  colorIndices(): number[] {
    const labels: string[] = [];
    return this.paths.map((path) => {
      let index = labels.indexOf(path.info.label);
      if (index < 0) {
        index = labels.push(path.info.label) - 1;
      }
      return index;
    });
  }

  private drawStart(context: CanvasRenderingContext2D): void {
    const ratio = window.devicePixelRatio || 1;
    const [cx, cy] = this.toCanvas(this.start);
    context.beginPath();
    context.arc(cx, cy, 8 * ratio, 0, 2 * Math.PI);
    context.fillStyle = '#ffffff';
    context.fill();
    context.strokeStyle = '#111';
    context.lineWidth = 2 * ratio;
    context.stroke();
    if (document.activeElement === this.canvas) {
      context.beginPath();
      context.arc(cx, cy, 12 * ratio, 0, 2 * Math.PI);
      context.strokeStyle = '#ffbf00';
      context.stroke();
    }
  }

  // Draws the level set of the local quadratic model through the point and
  // its axes, the Hessian's eigendirections. For a quadratic surface the
  // model is the surface, so this is the true contour through the point,
  // centred on the minimizer.
  private drawGeometry(context: CanvasRenderingContext2D, g: LocalGeometry): void {
    const ratio = window.devicePixelRatio || 1;
    const at = this.geometry!.at;
    const positive = g.lambdaMin > 0;
    let center = at;
    let radiusSquared = 0;
    if (positive) {
      const det = g.hxx * g.hyy - g.hxy * g.hxy;
      // Newton step -H^-1 g to the model's minimum.
      const dx = -(g.hyy * g.gradient.x - g.hxy * g.gradient.y) / det;
      const dy = -(-g.hxy * g.gradient.x + g.hxx * g.gradient.y) / det;
      center = { x: at.x + dx, y: at.y + dy };
      radiusSquared = -(g.gradient.x * dx + g.gradient.y * dy);
    }
    const span = Math.max(this.view.xMax - this.view.xMin, this.view.yMax - this.view.yMin);
    const axes: [Point, number, string][] = [
      [g.vMax, positive && radiusSquared > 0 ? Math.sqrt(radiusSquared / g.lambdaMax) : span * 0.15, '#ff4d4d'],
      [g.vMin, positive && radiusSquared > 0 ? Math.sqrt(radiusSquared / g.lambdaMin) : span * 0.15, '#ffe14d'],
    ];
    context.lineWidth = 2 * ratio;
    context.setLineDash([6 * ratio, 4 * ratio]);
    for (const [direction, length, color] of axes) {
      // At least a fifth of the view, so the directions stay visible when
      // the point sits at the minimum and its level set shrinks to a dot.
      const reach = Math.max(span * 0.2, Math.min(length * 1.25, span * 2));
      const [x0, y0] = this.toCanvas({ x: center.x - direction.x * reach, y: center.y - direction.y * reach });
      const [x1, y1] = this.toCanvas({ x: center.x + direction.x * reach, y: center.y + direction.y * reach });
      context.strokeStyle = color;
      context.beginPath();
      context.moveTo(x0, y0);
      context.lineTo(x1, y1);
      context.stroke();
    }
    context.setLineDash([]);
    if (positive && radiusSquared > 0) {
      const a = Math.sqrt(radiusSquared / g.lambdaMax);
      const b = Math.sqrt(radiusSquared / g.lambdaMin);
      context.strokeStyle = '#ffffff';
      context.lineWidth = 2 * ratio;
      context.beginPath();
      for (let i = 0; i <= 128; ++i) {
        const angle = (2 * Math.PI * i) / 128;
        const p = {
          x: center.x + Math.cos(angle) * a * g.vMax.x + Math.sin(angle) * b * g.vMin.x,
          y: center.y + Math.cos(angle) * a * g.vMax.y + Math.sin(angle) * b * g.vMin.y,
        };
        const [cx, cy] = this.toCanvas(p);
        if (i === 0) {
          context.moveTo(cx, cy);
        } else {
          context.lineTo(cx, cy);
        }
      }
      context.stroke();
    }
  }

  private eventPoint(event: PointerEvent): [number, number] {
    const rect = this.canvas.getBoundingClientRect();
    const ratio = this.canvas.width / rect.width;
    return [(event.clientX - rect.left) * ratio, (event.clientY - rect.top) * ratio];
  }

  private nearestPathPoint(cx: number, cy: number, radius: number): { path: number; step: number } | null {
    let best: { path: number; step: number } | null = null;
    let bestDistance = radius * radius;
    this.paths.forEach((path, i) => {
      for (let k = 0; k < path.length; ++k) {
        const [px, py] = this.toCanvas({ x: path.values[k * VALUES_PER_STEP], y: path.values[k * VALUES_PER_STEP + 1] });
        const distance = (px - cx) ** 2 + (py - cy) ** 2;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = { path: i, step: k };
        }
      }
    });
    return best;
  }

  private pointerDown(event: PointerEvent): void {
    const ratio = window.devicePixelRatio || 1;
    const [cx, cy] = this.eventPoint(event);
    const [sx, sy] = this.toCanvas(this.start);
    const grab = (event.pointerType === 'touch' ? 24 : 14) * ratio;
    if ((sx - cx) ** 2 + (sy - cy) ** 2 <= grab * grab) {
      this.dragging = true;
      this.canvas.setPointerCapture(event.pointerId);
      event.preventDefault();
      return;
    }
    const hit = this.nearestPathPoint(cx, cy, 12 * ratio);
    if (hit) {
      this.callbacks.onPick(hit.path, hit.step);
    }
  }

  private pointerMove(event: PointerEvent): void {
    const [cx, cy] = this.eventPoint(event);
    if (this.dragging) {
      this.callbacks.onStartMove(this.clampToView(this.toSurface(cx, cy)), false);
      return;
    }
    const ratio = window.devicePixelRatio || 1;
    this.callbacks.onHover(this.nearestPathPoint(cx, cy, 10 * ratio));
  }

  private pointerUp(event: PointerEvent): void {
    if (!this.dragging) {
      return;
    }
    this.dragging = false;
    const [cx, cy] = this.eventPoint(event);
    this.callbacks.onStartMove(this.clampToView(this.toSurface(cx, cy)), true);
  }

  private clampToView(p: Point): Point {
    return {
      x: Math.min(this.view.xMax, Math.max(this.view.xMin, p.x)),
      y: Math.min(this.view.yMax, Math.max(this.view.yMin, p.y)),
    };
  }

  private keyDown(event: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, 1],
      ArrowDown: [0, -1],
    };
    const move = moves[event.key];
    if (!move) {
      return;
    }
    event.preventDefault();
    const fraction = event.shiftKey ? 0.1 : 0.01;
    const p = {
      x: this.start.x + move[0] * fraction * (this.view.xMax - this.view.xMin),
      y: this.start.y + move[1] * fraction * (this.view.yMax - this.view.yMin),
    };
    // Round to the step so that repeated moves give short numbers in the URL.
    const round = (v: number) => Number(v.toPrecision(12));
    this.callbacks.onStartMove(this.clampToView({ x: round(p.x), y: round(p.y) }), true);
  }
}
