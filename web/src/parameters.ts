// One labelled control per hyperparameter, driven by the catalogue in core:
// its kind picks the widget, its range sets the slider, and the text typed
// goes to core unchanged, which validates it.

import { element, uniqueId } from './dom';
import type { HyperparameterSpec } from './engine';

/** Receives the text of a changed value; null restores the default. */
export type ValueChange = (text: string | null) => void;

// The learning-rate slider spans 1e-5 to 10; the numeric field takes any
// value core accepts.
const LR_LOG_MIN = -5;
const LR_LOG_MAX = 1;

function roundForSlider(value: number): string {
  return String(Number(value.toPrecision(3)));
}

export function parameterControl(spec: HyperparameterSpec, value: string | undefined, onChange: ValueChange): HTMLElement {
  const id = uniqueId(`param-${spec.key}`);
  const label = element('label', { for: id, title: spec.description }, [spec.key]);
  // "any finite number" tells the reader nothing; other ranges help.
  const unbounded = spec.lower === null && spec.upper === null;
  const hint = element('span', { class: 'hint' }, [unbounded ? '' : spec.range]);
  const row = element('div', { class: `param param-${spec.kind}` });
  const current = value ?? spec.defaultText;

  if (spec.kind === 'boolean') {
    const box = element('input', { id, type: 'checkbox', title: spec.description });
    box.checked = current === 'true';
    box.addEventListener('change', () => onChange(box.checked ? 'true' : 'false'));
    row.append(box, label);
    return row;
  }
  if (spec.kind === 'choice') {
    const select = element('select', { id, title: spec.description });
    for (const choice of spec.choices) {
      const option = element('option', { value: choice }, [choice]);
      option.selected = choice === current;
      select.append(option);
    }
    select.addEventListener('change', () => onChange(select.value));
    row.append(label, select);
    return row;
  }

  const field = element('input', {
    id,
    type: 'text',
    inputmode: spec.kind === 'integer' ? 'numeric' : 'decimal',
    spellcheck: 'false',
    autocomplete: 'off',
    value: current,
    title: spec.description,
  });
  field.addEventListener('input', () => {
    onChange(field.value.trim() === '' ? null : field.value.trim());
    syncSlider();
  });

  let syncSlider = () => {};
  const bounded = spec.lower !== null && spec.upper !== null && spec.kind === 'real';
  const isRate = spec.key === 'lr' || spec.key === 'max_lr';
  if (isRate || bounded) {
    // A range over several decades, such as a condition number from 1 to
    // 1e6, gets a log slider too.
    const wide = bounded && spec.lower!.value > 0 && spec.upper!.value / spec.lower!.value >= 1000;
    const logarithmic = isRate || wide;
    let low = LR_LOG_MIN;
    let high = LR_LOG_MAX;
    if (!isRate) {
      low = logarithmic ? Math.log10(spec.lower!.value) : spec.lower!.value;
      high = logarithmic ? Math.log10(spec.upper!.value) : spec.upper!.value;
    }
    const slider = element('input', {
      type: 'range',
      'aria-label': logarithmic ? `${spec.key} (log scale)` : spec.key,
      min: String(low),
      max: String(high),
      step: logarithmic ? '0.01' : String((high - low) / 1000),
      class: logarithmic ? 'slider log' : 'slider',
    });
    syncSlider = () => {
      const number = Number(field.value);
      if (Number.isFinite(number) && (!logarithmic || number > 0)) {
        slider.value = String(logarithmic ? Math.log10(number) : number);
      }
    };
    syncSlider();
    slider.addEventListener('input', () => {
      const raw = Number(slider.value);
      field.value = roundForSlider(logarithmic ? Math.pow(10, raw) : raw);
      onChange(field.value);
    });
    row.append(label, slider, field, hint);
    return row;
  }
  row.append(label, field, hint);
  return row;
}
