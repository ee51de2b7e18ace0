// The side panel: surface, start point, run settings and optimizers. Each
// control edits the state and requests a recomputation. Core validates, and
// showError puts its message next to the control it concerns.

import { byId, element, uniqueId } from './dom';
import type { Catalogue, CoreError, HyperparameterSpec, SurfaceInfo } from './engine';
import { t } from './i18n';
import { parameterControl } from './parameters';
import type { LabState, OptimizerState } from './state';
import { joinSpec, splitSpec } from './state';
import { pathColor } from './contour';

export interface ControlEvents {
  /** The experiment changed; `surfaceChanged` resets the start point. */
  changed(options?: { surfaceChanged?: boolean }): void;
  /** The start point fields changed. */
  startChanged(): void;
  /** Returns the surface's info or the formula's error, without running. */
  checkSurface(spec: string): { ok: true; info: SurfaceInfo } | CoreError;
}

const CUSTOM = '';

/** Replaces or removes `key`, keeping the order of the other items. */
function withItem(items: [string, string][], key: string, text: string | null): [string, string][] {
  const index = items.findIndex(([k]) => k === key);
  if (text === null) {
    return items.filter(([k]) => k !== key);
  }
  if (index < 0) {
    return [...items, [key, text]];
  }
  const copy = items.slice();
  copy[index] = [key, text];
  return copy;
}

function parameterList(specs: HyperparameterSpec[], items: [string, string][], onChange: (items: [string, string][]) => void): HTMLElement {
  const list = element('div', { class: 'params' });
  let current = items;
  for (const spec of specs) {
    const value = current.find(([k]) => k === spec.key)?.[1];
    list.append(
      parameterControl(spec, value, (text) => {
        current = withItem(current, spec.key, text);
        onChange(current);
      }),
    );
  }
  return list;
}

export class Controls {
  private formulaError = byId<HTMLElement>('formula-error');

  constructor(
    private readonly state: LabState,
    private readonly catalogue: Catalogue,
    private readonly events: ControlEvents,
  ) {
    this.buildSurface();
    this.buildStart();
    this.buildRun();
    this.buildOptimizers();
  }

  // --- surface ---------------------------------------------------------

  private buildSurface(): void {
    const picker = byId<HTMLSelectElement>('surface-picker');
    picker.replaceChildren();
    for (const entry of this.catalogue.surfaces) {
      picker.append(element('option', { value: entry.name, title: entry.summary }, [`${entry.name} — ${entry.summary}`]));
    }
    picker.append(element('option', { value: CUSTOM, 'data-i18n': 'customFormula' }, [t('customFormula')]));
    picker.addEventListener('change', () => {
      if (picker.value === CUSTOM) {
        byId<HTMLInputElement>('formula').focus();
        return;
      }
      this.state.surface = picker.value;
      this.refreshSurface();
      this.events.changed({ surfaceChanged: true });
    });

    const formula = byId<HTMLInputElement>('formula');
    formula.addEventListener('input', () => {
      const text = formula.value.trim();
      const checked = this.events.checkSurface(text);
      if (!checked.ok) {
        this.showFormulaError(formula.value, checked);
        return;
      }
      this.showFormulaError(formula.value, null);
      this.state.surface = text;
      picker.value = this.catalogueEntry()?.name ?? CUSTOM;
      this.refreshSurfaceParameters();
      this.events.changed({ surfaceChanged: true });
    });
    this.refreshSurface();
  }

  private catalogueEntry() {
    const name = splitSpec(this.state.surface).name;
    return this.catalogue.surfaces.find((entry) => entry.name === name) ?? null;
  }

  /** Shows the state's surface in the picker, its parameters and its formula. */
  refreshSurface(): void {
    const entry = this.catalogueEntry();
    byId<HTMLSelectElement>('surface-picker').value = entry?.name ?? CUSTOM;
    const formula = byId<HTMLInputElement>('formula');
    const checked = this.events.checkSurface(this.state.surface);
    formula.value = entry && checked.ok ? checked.info.formula : this.state.surface;
    this.showFormulaError(formula.value, checked.ok ? null : checked);
    this.refreshSurfaceParameters();
  }

  private refreshSurfaceParameters(): void {
    const box = byId<HTMLElement>('surface-parameters');
    box.replaceChildren();
    const entry = this.catalogueEntry();
    if (!entry || entry.parameters.length === 0) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const { items } = splitSpec(this.state.surface);
    box.append(
      parameterList(entry.parameters, items, (changed) => {
        this.state.surface = joinSpec(entry.name, changed);
        const checked = this.events.checkSurface(this.state.surface);
        if (checked.ok) {
          byId<HTMLInputElement>('formula').value = checked.info.formula;
        }
        this.events.changed();
      }),
    );
  }

  /** Shows a formula error with a caret under its column, or clears it. */
  showFormulaError(text: string, error: CoreError | null): void {
    const box = this.formulaError;
    box.replaceChildren();
    byId<HTMLInputElement>('formula').setAttribute('aria-invalid', error ? 'true' : 'false');
    if (!error) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    box.append(element('div', { class: 'reason' }, [error.reason ?? error.message]));
    if (error.column !== undefined) {
      const characters = Array.from(text);
      const column = Math.max(1, error.column);
      box.append(
        element('pre', { class: 'caret', 'aria-hidden': 'true' }, [`${characters.join('')}\n${' '.repeat(column - 1)}^`]),
      );
    }
  }

  // --- start -------------------------------------------------------------

  private buildStart(): void {
    const x = byId<HTMLInputElement>('start-x');
    const y = byId<HTMLInputElement>('start-y');
    const read = () => {
      const vx = Number(x.value);
      const vy = Number(y.value);
      if (x.value.trim() !== '' && y.value.trim() !== '' && Number.isFinite(vx) && Number.isFinite(vy)) {
        this.state.start = { x: vx, y: vy };
        this.events.startChanged();
      }
    };
    x.addEventListener('change', read);
    y.addEventListener('change', read);
    byId<HTMLButtonElement>('reset-start').addEventListener('click', () => {
      this.state.start = null;
      this.events.startChanged();
    });
  }

  /** Writes the start point into its fields. */
  showStart(x: number, y: number): void {
    const fx = byId<HTMLInputElement>('start-x');
    const fy = byId<HTMLInputElement>('start-y');
    if (document.activeElement !== fx) {
      fx.value = String(x);
    }
    if (document.activeElement !== fy) {
      fy.value = String(y);
    }
  }

  // --- run ---------------------------------------------------------------

  private buildRun(): void {
    const steps = byId<HTMLInputElement>('steps');
    steps.max = String(this.catalogue.maxSteps);
    steps.value = String(this.state.steps);
    steps.addEventListener('input', () => {
      const value = Math.round(Number(steps.value));
      if (Number.isFinite(value) && value >= 1) {
        this.state.steps = value;
        this.events.changed();
      }
    });

    const noise = byId<HTMLInputElement>('noise');
    noise.value = String(this.state.noise);
    noise.addEventListener('input', () => {
      const value = Number(noise.value);
      if (noise.value.trim() !== '' && Number.isFinite(value)) {
        this.state.noise = value;
        this.events.changed();
      }
    });
    const seed = byId<HTMLInputElement>('seed');
    seed.value = this.state.seed;
    seed.addEventListener('input', () => {
      this.state.seed = seed.value.trim();
      this.events.changed();
    });
    const repeats = byId<HTMLInputElement>('repeats');
    repeats.max = String(this.catalogue.maxRepeats);
    repeats.value = String(this.state.repeats);
    repeats.addEventListener('input', () => {
      const value = Math.round(Number(repeats.value));
      if (Number.isFinite(value) && value >= 1) {
        this.state.repeats = value;
        this.events.changed();
      }
    });

    const picker = byId<HTMLSelectElement>('schedule-picker');
    picker.append(element('option', { value: '' }, ['constant']));
    for (const info of this.catalogue.schedules) {
      if (info.name !== 'constant') {
        picker.append(element('option', { value: info.name, title: info.summary }, [`${info.name} — ${info.pytorch}`]));
      }
    }
    picker.value = splitSpec(this.state.schedule).name === 'constant' ? '' : splitSpec(this.state.schedule).name;
    picker.addEventListener('change', () => {
      this.state.schedule = picker.value;
      this.refreshScheduleParameters();
      this.events.changed();
    });
    this.refreshScheduleParameters();
  }

  private refreshScheduleParameters(): void {
    const box = byId<HTMLElement>('schedule-parameters');
    box.replaceChildren();
    const { name, items } = splitSpec(this.state.schedule);
    const info = this.catalogue.schedules.find((s) => s.name === name);
    if (!info || info.parameters.length === 0) {
      return;
    }
    box.append(
      parameterList(info.parameters, items, (changed) => {
        this.state.schedule = joinSpec(name, changed);
        this.events.changed();
      }),
    );
  }

  // --- optimizers --------------------------------------------------------

  private buildOptimizers(): void {
    const picker = byId<HTMLSelectElement>('add-optimizer-name');
    for (const info of this.catalogue.optimizers) {
      picker.append(element('option', { value: info.name, title: info.summary }, [info.name]));
    }
    byId<HTMLButtonElement>('add-optimizer').addEventListener('click', () => {
      this.state.optimizers.push({ name: picker.value, params: [], label: '', schedule: '' });
      this.renderOptimizers();
      this.events.changed();
    });
    this.renderOptimizers();
  }

  /** Rebuilds the optimizer cards from the state. */
  renderOptimizers(): void {
    const list = byId<HTMLElement>('optimizer-list');
    list.replaceChildren();
    this.state.optimizers.forEach((optimizer, index) => list.append(this.optimizerCard(optimizer, index)));
  }

  private optimizerCard(optimizer: OptimizerState, index: number): HTMLElement {
    const info = this.catalogue.optimizers.find((o) => o.name === optimizer.name);
    const card = element('fieldset', { class: 'optimizer', 'data-index': String(index) });
    const nameId = uniqueId('optimizer-name');
    const name = element('select', { id: nameId });
    for (const entry of this.catalogue.optimizers) {
      const option = element('option', { value: entry.name, title: entry.summary }, [entry.name]);
      option.selected = entry.name === optimizer.name;
      name.append(option);
    }
    if (!info) {
      name.append(element('option', { value: optimizer.name, selected: '' }, [optimizer.name]));
    }
    name.addEventListener('change', () => {
      // Hyperparameters differ between optimizers; keep only lr.
      optimizer.params = optimizer.params.filter(([key]) => key === 'lr');
      optimizer.name = name.value;
      this.renderOptimizers();
      this.events.changed();
    });

    const labelId = uniqueId('optimizer-label');
    const label = element('input', { id: labelId, type: 'text', value: optimizer.label, placeholder: optimizer.name, spellcheck: 'false' });
    label.addEventListener('input', () => {
      optimizer.label = label.value;
      this.events.changed();
    });

    const remove = element('button', { type: 'button', class: 'remove' }, [t('remove')]);
    remove.setAttribute('aria-label', `${t('remove')} ${optimizer.label || optimizer.name}`);
    remove.disabled = this.state.optimizers.length <= 1;
    remove.addEventListener('click', () => {
      this.state.optimizers.splice(index, 1);
      this.state.selected = Math.min(this.state.selected, this.state.optimizers.length - 1);
      this.renderOptimizers();
      this.events.changed();
    });

    const swatch = element('span', { class: 'swatch', 'aria-hidden': 'true', style: `background:${pathColor(index)}` });
    const legend = element('legend', {}, [swatch, `${index + 1}. ${optimizer.label || optimizer.name}`]);
    const head = element('div', { class: 'optimizer-head' }, [
      element('label', { for: nameId, 'data-i18n': 'optimizer' }, [t('optimizer')]),
      name,
      element('label', { for: labelId, 'data-i18n': 'label' }, [t('label')]),
      label,
      remove,
    ]);
    card.append(legend, head);
    if (info) {
      card.append(
        parameterList(info.hyperparameters, optimizer.params, (items) => {
          optimizer.params = items;
          this.events.changed();
        }),
      );
    }
    const scheduleId = uniqueId('optimizer-schedule');
    const schedule = element('input', { id: scheduleId, type: 'text', value: optimizer.schedule, spellcheck: 'false', placeholder: 'cosine:T_max=100' });
    schedule.addEventListener('input', () => {
      optimizer.schedule = schedule.value.trim();
      this.events.changed();
    });
    card.append(
      element('div', { class: 'param' }, [element('label', { for: scheduleId, 'data-i18n': 'ownSchedule' }, [t('ownSchedule')]), schedule]),
      element('div', { class: 'error', role: 'alert', hidden: '' }),
    );
    return card;
  }

  /** Shows core's error next to its control; null clears every error. */
  showError(error: CoreError | null): void {
    for (const box of document.querySelectorAll<HTMLElement>('#optimizer-list .error, #run-error, #schedule-error')) {
      box.hidden = true;
      box.textContent = '';
    }
    if (!error) {
      return;
    }
    let box: HTMLElement | null = null;
    if ((error.field === 'optimizer' || error.field === 'schedule') && error.index >= 0) {
      box = document.querySelector<HTMLElement>(`#optimizer-list .optimizer[data-index="${error.index}"] .error`);
    } else if (error.field === 'schedule') {
      box = byId('schedule-error');
    } else if (error.field === 'surface') {
      this.showFormulaError(byId<HTMLInputElement>('formula').value, error);
      return;
    }
    box ??= byId('run-error');
    box.hidden = false;
    box.textContent = error.message;
  }
}
