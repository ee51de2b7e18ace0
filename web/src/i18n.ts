// The page's words in English and Chinese. Messages from core (errors,
// divergence reasons) stay in English, as on the command line.

import type { Language } from './state';

const en = {
  title: 'optiscope lab',
  subtitle: 'Optimizers on a loss surface, computed by the optiscope core in WebAssembly',
  language: 'Language',
  exportCsv: 'Export CSV',
  exportPng: 'Export PNG',
  copyLink: 'Copy link',
  linkCopied: 'Link copied',
  linkCopyFailed: 'Copy the address bar: it holds the whole view',
  loading: 'Loading the WebAssembly core…',
  surface: 'Surface',
  surfacePicker: 'Catalogue surface',
  customFormula: 'formula (below)',
  formula: 'Formula in x and y',
  formulaHint: 'Such as x^2 + 3*y^2. While the formula has an error, the map keeps the last valid surface.',
  surfaceParameters: 'Parameters',
  start: 'Start point',
  resetStart: 'Default start',
  run: 'Run',
  steps: 'Steps',
  schedule: 'Learning-rate schedule',
  noise: 'Gradient noise σ',
  seed: 'Seed',
  repeats: 'Repeats',
  optimizers: 'Optimizers',
  optimizer: 'Optimizer',
  addOptimizer: 'Add optimizer',
  add: 'Add',
  remove: 'Remove',
  label: 'Label',
  ownSchedule: 'Own schedule (blank: the run’s)',
  map: 'Loss surface map',
  mapHint: 'Drag the white start point, or focus the map and use the arrow keys. Click a path to inspect a step.',
  play: 'Play',
  pause: 'Pause',
  previousStep: 'Previous step',
  nextStep: 'Next step',
  step: 'Step',
  chart: 'Loss against step',
  chartGap: 'L − L* (log scale)',
  chartLoss: 'L (log scale)',
  chartLinear: 'L (linear scale: some losses are ≤ 0)',
  inspector: 'Inspector',
  path: 'Path',
  position: 'Position',
  loss: 'Loss',
  gradient: 'Gradient',
  lr: 'Learning rate',
  state: 'Optimizer state',
  noState: 'none before the first step',
  stateless: 'none: this optimizer keeps no state',
  status: 'Status',
  geometry: 'Geometry',
  showGeometry: 'Show Hessian eigendirections and level ellipse',
  hessianConstant: 'The Hessian is the same everywhere: the surface is quadratic.',
  hessianLocal: 'Hessian at the inspected point; the surface is not quadratic, so it changes along the path.',
  eigenvalues: 'Eigenvalues',
  condition: 'Condition number',
  notConvex: 'not positive definite here',
  stable: 'stable',
  unstable: 'diverges',
  gdStability: 'Gradient descent is stable on a quadratic when λmax·lr < 2.',
  recomputed: 'Recomputed {count} paths in {ms} ms',
  completed: 'completed',
  diverged: 'diverged',
  stopped: 'stopped',
  reachedStep: 'ended at step {step}',
  startError: 'Start point',
};

type Key = keyof typeof en;

const zh: Record<Key, string> = {
  title: 'optiscope 实验台',
  subtitle: '优化器在损失曲面上的轨迹，由编译成 WebAssembly 的 optiscope 核心计算',
  language: '语言',
  exportCsv: '导出 CSV',
  exportPng: '导出 PNG',
  copyLink: '复制链接',
  linkCopied: '链接已复制',
  linkCopyFailed: '请复制地址栏：它包含整个视图',
  loading: '正在加载 WebAssembly 核心…',
  surface: '曲面',
  surfacePicker: '曲面库',
  customFormula: '公式（见下方）',
  formula: '关于 x 和 y 的公式',
  formulaHint: '例如 x^2 + 3*y^2。公式有错时，地图保留上一个有效的曲面。',
  surfaceParameters: '参数',
  start: '起点',
  resetStart: '默认起点',
  run: '运行设置',
  steps: '步数',
  schedule: '学习率调度',
  noise: '梯度噪声 σ',
  seed: '随机种子',
  repeats: '重复次数',
  optimizers: '优化器',
  optimizer: '优化器',
  addOptimizer: '添加优化器',
  add: '添加',
  remove: '删除',
  label: '标签',
  ownSchedule: '单独的调度（留空则沿用运行设置）',
  map: '损失曲面图',
  mapHint: '拖动白色起点，或让地图获得焦点后用方向键移动。点击路径可查看某一步。',
  play: '播放',
  pause: '暂停',
  previousStep: '上一步',
  nextStep: '下一步',
  step: '步',
  chart: '损失随步数的变化',
  chartGap: 'L − L*（对数坐标）',
  chartLoss: 'L（对数坐标）',
  chartLinear: 'L（线性坐标：部分损失 ≤ 0）',
  inspector: '检查器',
  path: '路径',
  position: '位置',
  loss: '损失',
  gradient: '梯度',
  lr: '学习率',
  state: '优化器状态',
  noState: '第一步之前没有状态',
  stateless: '无：这个优化器不保存状态',
  status: '状态',
  geometry: '几何',
  showGeometry: '显示 Hessian 特征方向和等值椭圆',
  hessianConstant: 'Hessian 处处相同：这是一个二次曲面。',
  hessianLocal: '检查点处的 Hessian；曲面不是二次的，所以它沿路径变化。',
  eigenvalues: '特征值',
  condition: '条件数',
  notConvex: '此处不是正定的',
  stable: '稳定',
  unstable: '发散',
  gdStability: '在二次曲面上，当 λmax·lr < 2 时梯度下降是稳定的。',
  recomputed: '重新计算 {count} 条路径用时 {ms} 毫秒',
  completed: '完成',
  diverged: '发散',
  stopped: '已停止',
  reachedStep: '在第 {step} 步结束',
  startError: '起点',
};

const dictionaries: Record<Language, Record<Key, string>> = { en, zh };

let current: Language = 'en';

export function setLanguage(language: Language): void {
  current = language;
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as Key);
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel as Key));
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    element.title = t(element.dataset.i18nTitle as Key);
  }
}

/** Returns the word for `key` in the current language, with {name} filled from `values`. */
export function t(key: Key, values: Record<string, string | number> = {}): string {
  return dictionaries[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

export type { Key as TextKey };
