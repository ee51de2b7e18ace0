// Types of the WebAssembly module (src/wasm/bindings.cpp) and a wrapper that
// copies its results out of WebAssembly memory.

export type HyperparameterKind = 'real' | 'integer' | 'boolean' | 'choice' | 'integer_list';

export interface Bound {
  value: number;
  inclusive: boolean;
}

export interface HyperparameterSpec {
  key: string;
  kind: HyperparameterKind;
  default: number;
  defaultText: string;
  lower: Bound | null;
  upper: Bound | null;
  /** The valid range as core words it, such as "0 <= momentum < 1". */
  range: string;
  description: string;
  choices: string[];
}

export interface OptimizerInfo {
  name: string;
  pytorch: string;
  summary: string;
  updateRule: string;
  hyperparameters: HyperparameterSpec[];
}

export interface ScheduleInfo {
  name: string;
  pytorch: string;
  summary: string;
  parameters: HyperparameterSpec[];
}

export interface SurfaceEntry {
  name: string;
  summary: string;
  formula: string;
  citation: string;
  parameters: HyperparameterSpec[];
}

export interface Catalogue {
  optimizers: OptimizerInfo[];
  schedules: ScheduleInfo[];
  surfaces: SurfaceEntry[];
  referenceOptimizers: string[];
  maxSteps: number;
  maxRepeats: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface SurfaceInfo {
  name: string;
  formula: string;
  gradientFormula: string;
  minimizers: Point[];
  minimumValue: number;
  view: { xMin: number; xMax: number; yMin: number; yMax: number };
  defaultStart: Point;
}

/** An error from core, located at the control it belongs to. */
export interface CoreError {
  ok: false;
  /** "surface", "optimizer", "schedule", "start" or "experiment". */
  field: string;
  /** The optimizer's index for "optimizer" and "schedule"; -1 otherwise. */
  index: number;
  message: string;
  /** For a formula: the reason alone and the 1-based column. */
  reason?: string;
  column?: number;
}

export type CoreResult = { ok: true } | CoreError;

export interface PathInfo {
  label: string;
  name: string;
  repeat: number;
  status: 'completed' | 'diverged' | 'stopped';
  endedAtStep: number | null;
  message: string;
  lr: number;
  hyperparameters: Record<string, number>;
  schedule: string;
}

/** One optimizer's path: VALUES_PER_STEP numbers per recorded step. */
export interface Path {
  info: PathInfo;
  values: Float64Array;
  /** The number of recorded steps, the start included. */
  length: number;
}

/** x, y, loss, grad_x, grad_y, lr (NaN at step 0), as lab_session.hpp writes them. */
export const VALUES_PER_STEP = 6;

export interface StateEntry extends Point {
  name: string;
}

export interface LocalGeometry {
  value: number;
  gradient: Point;
  hxx: number;
  hxy: number;
  hyy: number;
  lambdaMin: number;
  lambdaMax: number;
  vMin: Point;
  vMax: Point;
}

export interface ExperimentInput {
  surface: string;
  start: Point | null;
  steps: number;
  schedule: string;
  noise: number;
  seed: string;
  repeats: number;
  optimizers: { name: string; items: [string, string][]; schedule: string }[];
}

interface WasmLab {
  configure(experiment: ExperimentInput): CoreResult;
  setStart(x: number, y: number): void;
  run(): CoreResult;
  pathCount(): number;
  pathInfo(index: number): PathInfo;
  pathValues(index: number): Float64Array;
  csv(): string;
  state(index: number, step: number): StateEntry[];
  surfaceInfo(): SurfaceInfo;
  start(): Point;
  grid(nx: number, ny: number, x0: number, x1: number, y0: number, y1: number): Float64Array;
  localGeometry(x: number, y: number): LocalGeometry;
}

export interface WasmModule {
  catalogue(): Catalogue;
  checkSurface(spec: string): ({ ok: true; info: SurfaceInfo }) | CoreError;
  Lab: new () => WasmLab;
}

declare global {
  // Defined by the Emscripten script that build.mjs inlines before the app.
  function createOptiscopeModule(): Promise<WasmModule>;
}

/** The page's access to core. Every array it returns is a copy. */
export class Engine {
  readonly catalogue: Catalogue;
  private readonly lab: WasmLab;

  private constructor(private readonly module: WasmModule) {
    this.catalogue = module.catalogue();
    this.lab = new module.Lab();
  }

  static async load(): Promise<Engine> {
    return new Engine(await createOptiscopeModule());
  }

  checkSurface(spec: string): ({ ok: true; info: SurfaceInfo }) | CoreError {
    return this.module.checkSurface(spec);
  }

  configure(experiment: ExperimentInput): CoreResult {
    return this.lab.configure(experiment);
  }

  /** Runs from `start` and returns every path, or the error of the start. */
  run(start: Point): Path[] | CoreError {
    this.lab.setStart(start.x, start.y);
    const result = this.lab.run();
    if (!result.ok) {
      return result;
    }
    const paths: Path[] = [];
    const count = this.lab.pathCount();
    for (let i = 0; i < count; ++i) {
      const values = this.lab.pathValues(i).slice();
      paths.push({ info: this.lab.pathInfo(i), values, length: values.length / VALUES_PER_STEP });
    }
    return paths;
  }

  csv(): string {
    return this.lab.csv();
  }

  state(path: number, step: number): StateEntry[] {
    return this.lab.state(path, step);
  }

  surfaceInfo(): SurfaceInfo {
    return this.lab.surfaceInfo();
  }

  grid(nx: number, ny: number, x0: number, x1: number, y0: number, y1: number): Float64Array {
    return this.lab.grid(nx, ny, x0, x1, y0, y1).slice();
  }

  localGeometry(p: Point): LocalGeometry {
    return this.lab.localGeometry(p.x, p.y);
  }
}
