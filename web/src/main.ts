// The optiscope lab page: loads the WebAssembly core, reads the state from
// the URL (or the preload `optiscope app` wrote), and recomputes every path
// with core whenever a control or the start point changes.

import { LossChart } from './chart';
import { Controls } from './controls';
import { byId } from './dom';
import type { CoreError, Path, Point, StateEntry, SurfaceInfo } from './engine';
import { Engine, VALUES_PER_STEP } from './engine';
import { setLanguage, t } from './i18n';
import type { GeometryReport } from './inspector';
import { showGeometry, showInspector } from './inspector';
import { MapView } from './map';
import type { LabState, Language } from './state';
import { defaultState, experimentOf, stateFromFragment, stateToFragment } from './state';

interface LabHook {
  paths(): { label: string; repeat: number; values: number[] }[];
  state(path: number, step: number): StateEntry[];
  /** The viewport coordinates of a point of the surface on the map. */
  clientPoint(p: Point): { x: number; y: number };
  start(): Point;
}

// history.replaceState is rate-limited by browsers, so the URL follows a
// drag at most this often and once more when it ends.
const URL_INTERVAL_MS = 200;

class App {
  private readonly defaults: LabState;
  private readonly state: LabState;
  private readonly map: MapView;
  private readonly chart: LossChart;
  private readonly controls: Controls;
  private info: SurfaceInfo | null = null;
  private gridSurface = '';
  private paths: Path[] = [];
  private hover: { path: number; step: number } | null = null;
  private playing = false;
  private urlTimer: number | null = null;
  private lastUrlWrite = 0;

  constructor(private readonly engine: Engine) {
    this.defaults = defaultState(engine.catalogue.referenceOptimizers);
    this.state = stateFromFragment(initialFragment(), this.defaults);
    setLanguage(this.state.lang);
    byId<HTMLSelectElement>('language').value = this.state.lang;

    this.map = new MapView(byId<HTMLCanvasElement>('map'), {
      onStartMove: (p, done) => this.moveStart(p, done),
      onPick: (path, step) => {
        this.state.selected = path;
        this.setStep(step);
      },
      onHover: (target) => {
        this.hover = target;
        this.refreshInspector();
      },
    });
    this.chart = new LossChart(byId<HTMLCanvasElement>('chart'), (step) => this.setStep(step));
    this.controls = new Controls(this.state, engine.catalogue, {
      changed: (options) => {
        if (options?.surfaceChanged) {
          this.state.start = null;
        }
        this.recompute();
      },
      startChanged: () => this.runPaths(),
      checkSurface: (spec) => engine.checkSurface(spec),
    });
    this.bindToolbar();
    this.bindPlayback();
    this.recompute();
    this.exposeHook();
    document.body.classList.add('ready');
  }

  // A read-only view of the computed paths for the browser tests and the
  // benchmark, which compare them with the command line's numbers.
  private exposeHook(): void {
    const hook: LabHook = {
      paths: () => this.paths.map((p) => ({ label: p.info.label, repeat: p.info.repeat, values: Array.from(p.values) })),
      state: (path, step) => this.engine.state(path, step),
      clientPoint: (p) => this.map.clientPoint(p),
      start: () => this.startPoint(),
    };
    (window as unknown as { optiscopeLab: LabHook }).optiscopeLab = hook;
  }

  /** Resolves the experiment in core; on an error keeps the last good picture. */
  private recompute(): void {
    const result = this.engine.configure(experimentOf(this.state));
    if (!result.ok) {
      this.controls.showError(result);
      this.scheduleUrl();
      return;
    }
    this.controls.showError(null);
    if (this.gridSurface !== this.state.surface || !this.info) {
      this.info = this.engine.surfaceInfo();
      const v = this.info.view;
      const n = MapView.gridSize;
      this.map.setSurface(this.info, this.engine.grid(n, n, v.xMin, v.xMax, v.yMin, v.yMax));
      this.gridSurface = this.state.surface;
    }
    this.runPaths();
  }

  private startPoint(): Point {
    return this.state.start ?? this.info?.defaultStart ?? { x: 0, y: 0 };
  }

  /** Reruns every optimizer from the current start and redraws. */
  private runPaths(): void {
    const begin = performance.now();
    const result = this.engine.run(this.startPoint());
    const end = performance.now();
    if (!Array.isArray(result)) {
      this.controls.showError(result as CoreError);
      return;
    }
    performance.measure('optiscope-recompute', { start: begin, end });
    this.paths = result;
    byId('timing').textContent = t('recomputed', { count: result.length, ms: (end - begin).toFixed(2) });
    this.state.selected = Math.min(this.state.selected, Math.max(0, this.paths.length - 1));
    this.state.step = Math.min(this.state.step, this.state.steps);
    const start = this.startPoint();
    this.controls.showStart(start.x, start.y);
    this.map.setPaths(this.paths, start);
    this.chart.setPaths(this.paths, this.map.colorIndices(), this.info && this.info.minimizers.length > 0 ? this.info.minimumValue : null, this.state.steps);
    const scaleNames = { gap: 'chartGap', loss: 'chartLoss', linear: 'chartLinear' } as const;
    byId('chart-scale').textContent = t(scaleNames[this.chart.scale]);
    this.refreshStep();
    this.scheduleUrl();
  }

  private moveStart(p: Point, done: boolean): void {
    const begin = performance.now();
    this.state.start = p;
    this.runPaths();
    // The recomputation alone is measured in runPaths; this adds redrawing.
    performance.measure('optiscope-drag-update', { start: begin, end: performance.now() });
    if (done) {
      this.writeUrl();
    }
  }

  private setStep(step: number): void {
    this.state.step = Math.max(0, Math.min(this.state.steps, Math.round(step)));
    this.refreshStep();
    this.scheduleUrl();
  }

  private refreshStep(): void {
    const scrub = byId<HTMLInputElement>('scrub');
    scrub.max = String(this.state.steps);
    scrub.value = String(this.state.step);
    byId('step-number').textContent = `${this.state.step} / ${this.state.steps}`;
    this.map.setStep(this.state.step, this.state.selected);
    this.chart.setStep(this.state.step, this.state.selected);
    this.refreshInspector();
  }

  private refreshInspector(): void {
    const select = byId<HTMLSelectElement>('inspect-path');
    const labels = this.paths.map((p) => (p.info.repeat > 0 ? `${p.info.label} (repeat ${p.info.repeat})` : p.info.label));
    if (select.options.length !== labels.length || labels.some((l, i) => select.options[i].text !== l)) {
      select.replaceChildren(...labels.map((l, i) => new Option(l, String(i))));
    }
    const target = this.hover ?? { path: this.state.selected, step: this.state.step };
    select.value = String(target.path);
    const path = this.paths[target.path];
    const step = path ? Math.min(target.step, path.length - 1) : 0;
    showInspector(path, this.map.colorIndices()[target.path] ?? 0, step, path ? this.engine.state(target.path, step) : []);
    this.refreshGeometry(path, step);
  }

  private refreshGeometry(path: Path | undefined, step: number): void {
    if (!this.state.geometry || !path || !this.info) {
      this.map.setGeometry(null);
      showGeometry(null);
      return;
    }
    const at = { x: path.values[step * VALUES_PER_STEP], y: path.values[step * VALUES_PER_STEP + 1] };
    const local = this.engine.localGeometry(at);
    const v = this.info.view;
    const probes = [this.engine.localGeometry({ x: v.xMin, y: v.yMin }), this.engine.localGeometry({ x: v.xMax, y: (v.yMin + v.yMax) / 2 })];
    const constant = probes.every((g) => g.hxx === local.hxx && g.hxy === local.hxy && g.hyy === local.hyy);
    const report: GeometryReport = {
      local,
      constant,
      gradientDescent: this.paths
        .filter((p) => p.info.repeat === 0 && (p.info.name === 'gd' || p.info.name === 'sgd') && !(p.info.hyperparameters.momentum > 0))
        .map((p) => ({ label: p.info.label, lr: p.info.lr })),
    };
    this.map.setGeometry({ at, local });
    showGeometry(report);
  }

  private bindToolbar(): void {
    byId<HTMLSelectElement>('language').addEventListener('change', (event) => {
      this.state.lang = (event.target as HTMLSelectElement).value as Language;
      setLanguage(this.state.lang);
      this.controls.renderOptimizers();
      this.runPaths();
    });
    byId<HTMLButtonElement>('export-csv').addEventListener('click', () => {
      download(new Blob([this.engine.csv()], { type: 'text/csv' }), 'optimizer-paths.csv');
    });
    byId<HTMLButtonElement>('export-png').addEventListener('click', async () => {
      const blob = await this.map.toPng();
      if (blob) {
        download(blob, 'optiscope-map.png');
      }
    });
    byId<HTMLButtonElement>('copy-link').addEventListener('click', async () => {
      this.writeUrl();
      const status = byId('link-status');
      try {
        await navigator.clipboard.writeText(location.href);
        status.textContent = t('linkCopied');
      } catch {
        status.textContent = t('linkCopyFailed');
      }
    });
    const geometry = byId<HTMLInputElement>('geometry');
    geometry.checked = this.state.geometry;
    geometry.addEventListener('change', () => {
      this.state.geometry = geometry.checked;
      this.refreshInspector();
      this.scheduleUrl();
    });
    byId<HTMLSelectElement>('inspect-path').addEventListener('change', (event) => {
      this.state.selected = Number((event.target as HTMLSelectElement).value);
      this.hover = null;
      this.refreshStep();
      this.scheduleUrl();
    });
  }

  private bindPlayback(): void {
    const play = byId<HTMLButtonElement>('play');
    const setPlaying = (playing: boolean) => {
      this.playing = playing;
      play.setAttribute('aria-pressed', String(playing));
      play.dataset.i18n = playing ? 'pause' : 'play';
      play.textContent = t(playing ? 'pause' : 'play');
    };
    const tick = () => {
      if (!this.playing) {
        return;
      }
      // About four seconds for a whole run, one step per frame at least.
      const advance = Math.max(1, Math.round(this.state.steps / 240));
      this.setStep(this.state.step + advance);
      if (this.state.step >= this.state.steps) {
        setPlaying(false);
        return;
      }
      requestAnimationFrame(tick);
    };
    play.addEventListener('click', () => {
      if (this.playing) {
        setPlaying(false);
        return;
      }
      if (this.state.step >= this.state.steps) {
        this.setStep(0);
      }
      setPlaying(true);
      requestAnimationFrame(tick);
    });
    byId<HTMLButtonElement>('step-back').addEventListener('click', () => {
      setPlaying(false);
      this.setStep(this.state.step - 1);
    });
    byId<HTMLButtonElement>('step-forward').addEventListener('click', () => {
      setPlaying(false);
      this.setStep(this.state.step + 1);
    });
    byId<HTMLInputElement>('scrub').addEventListener('input', (event) => {
      setPlaying(false);
      this.setStep(Number((event.target as HTMLInputElement).value));
    });
  }

  private scheduleUrl(): void {
    if (this.urlTimer !== null) {
      return;
    }
    const wait = Math.max(0, this.lastUrlWrite + URL_INTERVAL_MS - performance.now());
    this.urlTimer = window.setTimeout(() => {
      this.urlTimer = null;
      this.writeUrl();
    }, wait);
  }

  private writeUrl(): void {
    this.lastUrlWrite = performance.now();
    const fragment = stateToFragment(this.state, this.defaults);
    if (location.hash.slice(1) !== fragment) {
      history.replaceState(null, '', `#${fragment}`);
    }
  }
}

/** Returns the URL's fragment, else the scenario `optiscope app` embedded, else nothing. */
function initialFragment(): string {
  if (location.hash.length > 1) {
    return location.hash.slice(1);
  }
  const preload = document.getElementById('optiscope-preload')?.textContent ?? 'null';
  try {
    const value: unknown = JSON.parse(preload);
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

Engine.load()
  .then((engine) => {
    new App(engine);
  })
  .catch((error: unknown) => {
    const box = byId('load-error');
    box.hidden = false;
    box.textContent = `optiscope could not start: ${error instanceof Error ? error.message : String(error)}`;
  });
