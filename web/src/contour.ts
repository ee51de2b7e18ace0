// The colour ramp, contour levels and isolines of the map. The ramp follows
// the native figures (src/render/colors.cpp): OKLab lightness from dark blue
// to pale yellow, so brightness alone orders the loss.

/** Okabe-Ito colours, in the order the native figures use for paths. */
export const PATH_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

export function pathColor(index: number): string {
  return PATH_COLORS[index % PATH_COLORS.length];
}

function linearToSrgb(c: number): number {
  const clamped = Math.min(1, Math.max(0, c));
  return clamped <= 0.0031308 ? 12.92 * clamped : 1.055 * Math.pow(clamped, 1 / 2.4) - 0.055;
}

/** Returns the ramp colour at t in [0, 1] as 8-bit sRGB. */
export function surfaceColor(t: number): [number, number, number] {
  const s = Math.min(1, Math.max(0, t));
  const lightness = 0.42 + 0.55 * s;
  const hue = ((265 - 165 * s) * Math.PI) / 180;
  const chroma = 0.05 + 0.04 * Math.sin(Math.PI * s);
  const a = chroma * Math.cos(hue);
  const b = chroma * Math.sin(hue);
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const q = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    Math.round(255 * linearToSrgb(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * q)),
    Math.round(255 * linearToSrgb(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * q)),
    Math.round(255 * linearToSrgb(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * q)),
  ];
}

/**
 * Maps loss values to [0, 1] on a log scale above the grid's minimum, so
 * that the shape near the minimum shows as well as the walls. Non-finite
 * values map to NaN.
 */
export function normalizeLogarithmic(values: Float64Array): Float64Array {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  const out = new Float64Array(values.length);
  const span = high - low;
  if (!(span > 0)) {
    out.fill(0.5);
    return out;
  }
  // The offset keeps log finite at the minimum and sets how far the ramp
  // reaches into the flat bottom: 1e-4 of the span shows four decades.
  const offset = span * 1e-4;
  const logLow = Math.log(offset);
  const logSpan = Math.log(span + offset) - logLow;
  for (let i = 0; i < values.length; ++i) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? (Math.log(v - low + offset) - logLow) / logSpan : NaN;
  }
  return out;
}

/** A segment of an isoline in grid coordinates (column, row). */
export type Segment = [number, number, number, number];

/**
 * Traces the isoline at `level` through a grid of `nx` by `ny` values with
 * marching squares, interpolating linearly along cell edges. Saddle cells
 * are split by the cell's mean value.
 */
export function isolines(values: Float64Array, nx: number, ny: number, level: number): Segment[] {
  const segments: Segment[] = [];
  for (let row = 0; row + 1 < ny; ++row) {
    for (let col = 0; col + 1 < nx; ++col) {
      const v0 = values[row * nx + col];
      const v1 = values[row * nx + col + 1];
      const v2 = values[(row + 1) * nx + col + 1];
      const v3 = values[(row + 1) * nx + col];
      if (!(Number.isFinite(v0) && Number.isFinite(v1) && Number.isFinite(v2) && Number.isFinite(v3))) {
        continue;
      }
      const code = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0);
      if (code === 0 || code === 15) {
        continue;
      }
      const at = (a: number, b: number) => (level - a) / (b - a);
      // Crossing points on the bottom, right, top and left edges.
      const bottom: [number, number] = [col + at(v0, v1), row];
      const right: [number, number] = [col + 1, row + at(v1, v2)];
      const top: [number, number] = [col + at(v3, v2), row + 1];
      const left: [number, number] = [col, row + at(v0, v3)];
      const add = (p: [number, number], q: [number, number]) => segments.push([p[0], p[1], q[0], q[1]]);
      const centerAbove = (v0 + v1 + v2 + v3) / 4 > level;
      switch (code) {
        case 1: case 14: add(left, bottom); break;
        case 2: case 13: add(bottom, right); break;
        case 3: case 12: add(left, right); break;
        case 4: case 11: add(right, top); break;
        case 6: case 9: add(bottom, top); break;
        case 7: case 8: add(left, top); break;
        case 5:
          if (centerAbove) { add(left, top); add(bottom, right); } else { add(left, bottom); add(right, top); }
          break;
        case 10:
          if (centerAbove) { add(left, bottom); add(right, top); } else { add(left, top); add(bottom, right); }
          break;
      }
    }
  }
  return segments;
}
