// Measures in Chromium how long the page takes to recompute every path
// while the start point is dragged: 4 optimizers x 500 steps on the
// reference quadratic, 300 pointer moves. Prints the median, 95th
// percentile and maximum of two measures the page records:
//   optiscope-recompute    core's run in WebAssembly plus copying the paths
//   optiscope-drag-update  the same plus redrawing map, chart and inspector
//
// Usage: node bench.mjs [--build DIR]   (default ../build/release)

import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { build: { type: 'string' } } });
if (values.build) {
  process.env.OPTISCOPE_BUILD_DIR = resolve(values.build);
}
const { launch, openPage } = await import('./tests/support.mjs');

const fragment =
  '#surface=quadratic&steps=500&o1=gd:lr=0.08&o2=momentum:lr=0.02,momentum=0.9' +
  '&o3=adam:lr=0.05&o4=rmsprop:lr=0.01&step=500';
const browser = await launch();
try {
  const page = await openPage(browser.context, fragment);
  await page.evaluate(() => performance.clearMeasures());
  const from = await page.evaluate(() => window.optiscopeLab.clientPoint(window.optiscopeLab.start()));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 300; ++i) {
    const angle = (i / 300) * 2 * Math.PI;
    await page.mouse.move(from.x - 120 * Math.sin(angle), from.y - 120 * (1 - Math.cos(angle)));
  }
  await page.mouse.up();
  const measures = await page.evaluate(() =>
    ['optiscope-recompute', 'optiscope-drag-update'].map((name) => ({
      name,
      durations: performance.getEntriesByName(name).map((entry) => entry.duration),
    })),
  );
  const version = await browser.context.browser()?.version();
  console.log(`Chromium ${version ?? '(version unknown)'}, ${(await page.evaluate(() => window.optiscopeLab.paths().length))} paths`);
  for (const { name, durations } of measures) {
    const sorted = durations.slice().sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    console.log(
      `${name}: ${sorted.length} samples, median ${at(0.5).toFixed(3)} ms, ` +
        `p95 ${at(0.95).toFixed(3)} ms, max ${sorted[sorted.length - 1].toFixed(3)} ms`,
    );
  }
} finally {
  await browser.close();
}
