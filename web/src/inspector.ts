// The inspector (one step of one path) and the geometry readout.

import { byId, element, short } from './dom';
import type { LocalGeometry, Path, StateEntry } from './engine';
import { VALUES_PER_STEP } from './engine';
import { t } from './i18n';
import type { TextKey } from './i18n';
import { pathColor } from './contour';

function row(key: TextKey, value: string): HTMLTableRowElement {
  return element('tr', {}, [element('th', { scope: 'row' }, [t(key)]), element('td', {}, [value])]);
}

function pair(x: number, y: number): string {
  return `(${short(x)}, ${short(y)})`;
}

export function showInspector(path: Path | undefined, color: number, step: number, state: StateEntry[]): void {
  const body = byId<HTMLTableSectionElement>('inspector-body');
  body.replaceChildren();
  if (!path) {
    return;
  }
  const k = Math.min(step, path.length - 1);
  const v = path.values;
  const base = k * VALUES_PER_STEP;
  const label = element('span', {}, [element('span', { class: 'swatch', style: `background:${pathColor(color)}`, 'aria-hidden': 'true' }), path.info.label]);
  const pathRow = element('tr', {}, [element('th', { scope: 'row' }, [t('path')]), element('td', {}, [label])]);
  body.append(
    pathRow,
    row('step', String(k)),
    row('position', pair(v[base], v[base + 1])),
    row('loss', short(v[base + 2])),
    row('gradient', pair(v[base + 3], v[base + 4])),
    row('lr', Number.isNaN(v[base + 5]) ? '—' : short(v[base + 5])),
  );
  let stateText = state.map((entry) => `${entry.name} ${pair(entry.x, entry.y)}`).join('\n');
  if (state.length === 0) {
    stateText = t(k === 0 ? 'noState' : 'stateless');
  }
  body.append(row('state', stateText));
  let status = t(path.info.status);
  if (path.info.status !== 'completed') {
    status += ` — ${path.info.message || t('reachedStep', { step: path.info.endedAtStep ?? '' })}`;
  }
  body.append(row('status', status));
}

export interface GeometryReport {
  local: LocalGeometry;
  /** True when the Hessian is the same at several points of the view. */
  constant: boolean;
  /** Gradient-descent paths with their base learning rate. */
  gradientDescent: { label: string; lr: number }[];
}

export function showGeometry(report: GeometryReport | null): void {
  const box = byId<HTMLElement>('geometry-readout');
  box.replaceChildren();
  if (!report) {
    return;
  }
  const g = report.local;
  box.append(element('p', {}, [t(report.constant ? 'hessianConstant' : 'hessianLocal')]));
  const table = element('table', { class: 'readout' });
  const body = element('tbody');
  body.append(
    element('tr', {}, [element('th', { scope: 'row' }, ['H']), element('td', {}, [`[[${short(g.hxx)}, ${short(g.hxy)}], [${short(g.hxy)}, ${short(g.hyy)}]]`])]),
    element('tr', {}, [element('th', { scope: 'row' }, [t('eigenvalues')]), element('td', {}, [`λmin ${short(g.lambdaMin)}, λmax ${short(g.lambdaMax)}`])]),
    element('tr', {}, [
      element('th', { scope: 'row' }, [t('condition')]),
      element('td', {}, [g.lambdaMin > 0 ? short(g.lambdaMax / g.lambdaMin) : t('notConvex')]),
    ]),
  );
  for (const { label, lr } of report.gradientDescent) {
    const product = g.lambdaMax * lr;
    const verdict = product < 2 ? `< 2: ${t('stable')}` : `≥ 2: ${t('unstable')}`;
    body.append(
      element('tr', { class: product < 2 ? 'stable' : 'unstable' }, [
        element('th', { scope: 'row' }, [`λmax·lr (${label})`]),
        element('td', {}, [`${short(g.lambdaMax)} × ${short(lr)} = ${short(product)} ${verdict}`]),
      ]),
    );
  }
  table.append(body);
  box.append(table);
  if (report.gradientDescent.length > 0) {
    box.append(element('p', { class: 'hint' }, [t('gdStability')]));
  }
}
