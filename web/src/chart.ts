// The loss against the step, on a log axis when every plotted value is
// positive: the gap to the known minimum L - L* when the surface lists its
// minimizers, else L itself.

import { pathColor } from './contour';
import type { Path } from './engine';
import { VALUES_PER_STEP } from './engine';

export type ChartScale = 'gap' | 'loss' | 'linear';

export class LossChart {
  private paths: Path[] = [];
  private colors: number[] = [];
  private minimum: number | null = null;
  private step = 0;
  private steps = 1;
  private selected = 0;
  private dragging = false;
  scale: ChartScale = 'gap';

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onStep: (step: number) => void,
  ) {
    canvas.addEventListener('pointerdown', (event) => {
      this.dragging = true;
      canvas.setPointerCapture(event.pointerId);
      this.onStep(this.stepAt(event));
    });
    canvas.addEventListener('pointermove', (event) => {
      if (this.dragging) {
        this.onStep(this.stepAt(event));
      }
    });
    canvas.addEventListener('pointerup', () => {
      this.dragging = false;
    });
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

  /** `minimum` is the surface's minimum value when its minimizers are known. */
  setPaths(paths: Path[], colors: number[], minimum: number | null, steps: number): void {
    this.paths = paths;
    this.colors = colors;
    this.minimum = minimum;
    this.steps = Math.max(1, steps);
    this.scale = this.chooseScale();
    this.draw();
  }

  setStep(step: number, selected: number): void {
    this.step = step;
    this.selected = selected;
    this.draw();
  }

  private chooseScale(): ChartScale {
    if (this.minimum !== null) {
      return 'gap';
    }
    for (const path of this.paths) {
      for (let k = 0; k < path.length; ++k) {
        if (!(path.values[k * VALUES_PER_STEP + 2] > 0)) {
          return 'linear';
        }
      }
    }
    return 'loss';
  }

  private plotted(loss: number): number {
    return this.scale === 'gap' ? loss - (this.minimum ?? 0) : loss;
  }

  private resize(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(this.canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(this.canvas.clientHeight * ratio));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.draw();
    }
  }

  private layout() {
    const ratio = window.devicePixelRatio || 1;
    const left = 52 * ratio;
    const right = 10 * ratio;
    const top = 8 * ratio;
    const bottom = 24 * ratio;
    return { ratio, left, top, width: this.canvas.width - left - right, height: this.canvas.height - top - bottom };
  }

  private stepAt(event: PointerEvent): number {
    const rect = this.canvas.getBoundingClientRect();
    const { left, width } = this.layout();
    const cx = (event.clientX - rect.left) * (this.canvas.width / rect.width);
    return Math.round(Math.min(1, Math.max(0, (cx - left) / width)) * this.steps);
  }

  draw(): void {
    const context = this.canvas.getContext('2d');
    if (!context) {
      return;
    }
    const { ratio, left, top, width, height } = this.layout();
    context.clearRect(0, 0, this.canvas.width, this.canvas.height);
    context.fillStyle = '#fff';
    context.fillRect(0, 0, this.canvas.width, this.canvas.height);

    // Range of the plotted values; the log axis floors tiny gaps at 1e-16
    // relative to the largest, where float64 rounding takes over.
    let low = Infinity;
    let high = -Infinity;
    for (const path of this.paths) {
      for (let k = 0; k < path.length; ++k) {
        const v = this.plotted(path.values[k * VALUES_PER_STEP + 2]);
        if (this.scale !== 'linear' && !(v > 0)) {
          continue;
        }
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    if (!Number.isFinite(low) || !Number.isFinite(high)) {
      low = 1e-3;
      high = 1;
    }
    const logarithmic = this.scale !== 'linear';
    if (logarithmic) {
      low = Math.max(low, high * 1e-16);
      low = Math.pow(10, Math.floor(Math.log10(low)));
      high = Math.pow(10, Math.ceil(Math.log10(high)));
      if (low === high) {
        high = low * 10;
      }
    } else if (low === high) {
      low -= 1;
      high += 1;
    }
    const yOf = (v: number) => {
      const t = logarithmic
        ? (Math.log10(Math.max(v, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))
        : (v - low) / (high - low);
      return top + height * (1 - t);
    };
    const xOf = (step: number) => left + (width * step) / this.steps;

    context.font = `${10 * ratio}px system-ui, sans-serif`;
    context.fillStyle = '#333';
    context.strokeStyle = '#e2e2e2';
    context.lineWidth = ratio;
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    const decades = Math.log10(high) - Math.log10(low);
    const tickValues: number[] = [];
    if (logarithmic) {
      const every = Math.max(1, Math.ceil(decades / 6));
      for (let e = Math.log10(low); e <= Math.log10(high) + 1e-9; e += every) {
        tickValues.push(Math.pow(10, e));
      }
    } else {
      for (let i = 0; i <= 4; ++i) {
        tickValues.push(low + ((high - low) * i) / 4);
      }
    }
    for (const v of tickValues) {
      const y = yOf(v);
      context.beginPath();
      context.moveTo(left, y);
      context.lineTo(left + width, y);
      context.stroke();
      context.fillText(logarithmic ? `1e${Math.round(Math.log10(v))}` : String(Number(v.toPrecision(3))), left - 4 * ratio, y);
    }
    context.textAlign = 'center';
    context.textBaseline = 'top';
    for (let i = 0; i <= 5; ++i) {
      const step = Math.round((this.steps * i) / 5);
      context.fillText(String(step), xOf(step), top + height + 6 * ratio);
    }
    context.strokeStyle = '#444';
    context.strokeRect(left, top, width, height);

    context.save();
    context.beginPath();
    context.rect(left, top, width, height);
    context.clip();
    this.paths.forEach((path, i) => {
      context.strokeStyle = pathColor(this.colors[i] ?? i);
      context.globalAlpha = path.info.repeat > 0 ? 0.35 : 1;
      context.lineWidth = (i === this.selected ? 2.5 : 1.5) * ratio;
      context.beginPath();
      for (let k = 0; k < path.length; ++k) {
        const x = xOf(k);
        const y = yOf(this.plotted(path.values[k * VALUES_PER_STEP + 2]));
        if (k === 0) {
          context.moveTo(x, y);
        } else {
          context.lineTo(x, y);
        }
      }
      context.stroke();
    });
    context.globalAlpha = 1;
    context.strokeStyle = '#111';
    context.lineWidth = ratio;
    context.beginPath();
    context.moveTo(xOf(this.step), top);
    context.lineTo(xOf(this.step), top + height);
    context.stroke();
    this.paths.forEach((path, i) => {
      if (path.info.repeat > 0 || this.step >= path.length) {
        return;
      }
      context.beginPath();
      context.arc(xOf(this.step), yOf(this.plotted(path.values[this.step * VALUES_PER_STEP + 2])), 4 * ratio, 0, 2 * Math.PI);
      context.fillStyle = pathColor(this.colors[i] ?? i);
      context.fill();
    });
    context.restore();
  }
}
