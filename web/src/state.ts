// The page's whole state and its text form in the URL fragment, such as
// #surface=quadratic&start=2.2,-2&steps=100&o1=gd:lr=0.08&o2=adam:lr=0.1
// Optimizer i (from 1) is o<i>=NAME:key=value,... as `optiscope run
// --optimizer` reads it, with its label in l<i> and its own schedule in
// s<i>. `optiscope app` writes the same text into the page it saves.

import type { ExperimentInput, Point } from './engine';

export type Language = 'en' | 'zh';

export interface OptimizerState {
  name: string;
  /** Hyperparameters the user set, as text; the rest keep their defaults. */
  params: [string, string][];
  /** Empty means the name, made unique by core (adam, adam-2). */
  label: string;
  /** This optimizer's schedule; empty means the run's. */
  schedule: string;
}

export interface LabState {
  /** A catalogue name with parameters or a formula in x and y. */
  surface: string;
  /** Null means the surface's default start. */
  start: Point | null;
  steps: number;
  /** The schedule of every optimizer without its own; empty is constant. */
  schedule: string;
  noise: number;
  seed: string;
  repeats: number;
  optimizers: OptimizerState[];
  /** The step playback shows. */
  step: number;
  /** The path the inspector shows. */
  selected: number;
  geometry: boolean;
  lang: Language;
}

/** Splits NAME[:key=value,...]; brackets group a list such as milestones=[30,80]. */
export function splitSpec(spec: string): { name: string; items: [string, string][] } {
  const colon = spec.indexOf(':');
  const name = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  const items: [string, string][] = [];
  if (colon < 0) {
    return { name, items };
  }
  let depth = 0;
  let current = '';
  const flush = () => {
    if (current.trim() !== '') {
      const equals = current.indexOf('=');
      items.push(equals < 0 ? [current.trim(), ''] : [current.slice(0, equals).trim(), current.slice(equals + 1).trim()]);
    }
    current = '';
  };
  for (const c of spec.slice(colon + 1)) {
    if (c === '[') {
      depth += 1;
    } else if (c === ']') {
      depth -= 1;
    }
    if (c === ',' && depth === 0) {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return { name, items };
}

export function joinSpec(name: string, items: [string, string][]): string {
  return items.length === 0 ? name : `${name}:${items.map(([k, v]) => `${k}=${v}`).join(',')}`;
}

export function optimizerFromSpec(spec: string): OptimizerState {
  const { name, items } = splitSpec(spec);
  const label = items.find(([key]) => key === 'label')?.[1] ?? '';
  return { name, params: items.filter(([key]) => key !== 'label'), label, schedule: '' };
}

export function defaultState(referenceOptimizers: string[]): LabState {
  return {
    surface: 'quadratic',
    start: null,
    steps: 100,
    schedule: '',
    noise: 0,
    seed: '0',
    repeats: 1,
    optimizers: referenceOptimizers.map(optimizerFromSpec),
    step: 100,
    selected: 0,
    geometry: false,
    lang: 'en',
  };
}

/** Returns the experiment for core to resolve, in the shape bindings.cpp reads. */
export function experimentOf(state: LabState): ExperimentInput {
  return {
    surface: state.surface,
    start: state.start,
    steps: state.steps,
    schedule: state.schedule,
    noise: state.noise,
    seed: state.seed,
    repeats: state.repeats,
    optimizers: state.optimizers.map((o) => ({
      name: o.name,
      items: o.label === '' ? o.params : [...o.params, ['label', o.label] as [string, string]],
      schedule: o.schedule,
    })),
  };
}

// Characters left as they are in the fragment; everything else is
// percent-encoded. `optiscope app` encodes with the same set.
const PLAIN = /[A-Za-z0-9\-_.~:,=()*!/]/;

export function encodeValue(text: string): string {
  let out = '';
  for (const c of text) {
    out += PLAIN.test(c) ? c : encodeURIComponent(c).replace(/[!'()*]/g, (m) => `%${m.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}

export function formatNumber(value: number): string {
  return String(value);
}

export function stateToFragment(state: LabState, defaults: LabState): string {
  const parts: [string, string][] = [['surface', state.surface]];
  if (state.start) {
    parts.push(['start', `${formatNumber(state.start.x)},${formatNumber(state.start.y)}`]);
  }
  parts.push(['steps', String(state.steps)]);
  state.optimizers.forEach((o, i) => {
    parts.push([`o${i + 1}`, joinSpec(o.name, o.params)]);
    if (o.label !== '') {
      parts.push([`l${i + 1}`, o.label]);
    }
    if (o.schedule !== '') {
      parts.push([`s${i + 1}`, o.schedule]);
    }
  });
  if (state.schedule !== '') {
    parts.push(['schedule', state.schedule]);
  }
  if (state.noise !== 0) {
    parts.push(['noise', formatNumber(state.noise)]);
  }
  if (state.seed !== defaults.seed) {
    parts.push(['seed', state.seed]);
  }
  if (state.repeats !== 1) {
    parts.push(['repeats', String(state.repeats)]);
  }
  parts.push(['step', String(state.step)]);
  if (state.selected !== 0) {
    parts.push(['sel', String(state.selected)]);
  }
  if (state.geometry) {
    parts.push(['geom', '1']);
  }
  if (state.lang !== 'en') {
    parts.push(['lang', state.lang]);
  }
  return parts.map(([key, value]) => `${key}=${encodeValue(value)}`).join('&');
}

function parseFiniteNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') {
    return null;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * Reads a fragment (without '#') on top of `defaults`. Unknown keys are
 * ignored and malformed numbers keep the default, so an old or hand-edited
 * link still opens. Core validates the rest and reports it on the page.
 */
export function stateFromFragment(fragment: string, defaults: LabState): LabState {
  const values = new Map<string, string>();
  for (const part of fragment.split('&')) {
    if (part === '') {
      continue;
    }
    const equals = part.indexOf('=');
    const key = equals < 0 ? part : part.slice(0, equals);
    const raw = equals < 0 ? '' : part.slice(equals + 1);
    try {
      values.set(decodeURIComponent(key), decodeURIComponent(raw));
    } catch {
      // A malformed escape: skip this part.
    }
  }
  const state: LabState = { ...defaults, optimizers: [...defaults.optimizers] };
  state.surface = values.get('surface') ?? defaults.surface;
  const start = values.get('start')?.split(',');
  if (start && start.length === 2) {
    const x = parseFiniteNumber(start[0]);
    const y = parseFiniteNumber(start[1]);
    state.start = x !== null && y !== null ? { x, y } : null;
  } else {
    state.start = null;
  }
  state.steps = Math.round(parseFiniteNumber(values.get('steps')) ?? defaults.steps);
  if (values.has('o1')) {
    state.optimizers = [];
    for (let i = 1; values.has(`o${i}`); ++i) {
      const optimizer = optimizerFromSpec(values.get(`o${i}`) ?? '');
      optimizer.label = values.get(`l${i}`) ?? optimizer.label;
      optimizer.schedule = values.get(`s${i}`) ?? '';
      state.optimizers.push(optimizer);
    }
  }
  state.schedule = values.get('schedule') ?? defaults.schedule;
  state.noise = parseFiniteNumber(values.get('noise')) ?? defaults.noise;
  state.seed = values.get('seed') ?? defaults.seed;
  state.repeats = Math.round(parseFiniteNumber(values.get('repeats')) ?? defaults.repeats);
  state.step = Math.round(parseFiniteNumber(values.get('step')) ?? state.steps);
  state.selected = Math.max(0, Math.round(parseFiniteNumber(values.get('sel')) ?? 0));
  state.geometry = values.get('geom') === '1';
  state.lang = values.get('lang') === 'zh' ? 'zh' : 'en';
  return state;
}
