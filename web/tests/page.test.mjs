// Browser tests of the page: it opens from disk with no network, computes
// what `optiscope run` computes, and reacts to its controls.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  artifactDir,
  exportCsv,
  fragmentValues,
  launch,
  nativeCsv,
  openPage,
  pageFile,
  parseCsv,
} from './support.mjs';

const REFERENCE = ['gd:lr=0.08', 'momentum:lr=0.08,momentum=0.9', 'adam:lr=0.1,beta1=0.9,beta2=0.999,eps=1e-8'];

function optimizerArgs(specs) {
  return specs.flatMap((spec) => ['--optimizer', spec]);
}

async function pagePaths(page) {
  return page.evaluate(() => window.optiscopeLab.paths());
}

async function mapPixels(page) {
  return page.evaluate(() => document.getElementById('map').toDataURL());
}

describe('optiscope page', () => {
  let browser;

  before(async () => {
    assert.ok(existsSync(pageFile), `the page ${pageFile} was not built; run 'make release' first`);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  test('opens from a file URL with the network off', async () => {
    const page = await openPage(browser.context);
    assert.equal(await page.isHidden('#load-error'), true);
    assert.deepEqual(browser.blocked, [], 'the page requested nothing from the network');
    assert.deepEqual(browser.errors, []);
    const paths = await pagePaths(page);
    assert.deepEqual(
      paths.map((p) => p.label),
      ['gd', 'momentum', 'adam'],
    );
    await page.screenshot({ path: join(artifactDir, 'default-1280x800.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(artifactDir, 'default-phone-390x844.png') });
    await page.screenshot({ path: join(artifactDir, 'default-phone-full.png'), fullPage: true });
    await page.close();
  });

  test('default paths equal the native CSV', async () => {
    const page = await openPage(browser.context);
    const rows = parseCsv(nativeCsv([]));
    const paths = await pagePaths(page);
    let row = 0;
    for (const path of paths) {
      for (let k = 0; k < path.values.length / 6; ++k, ++row) {
        const [label, step, ...numbers] = rows[row];
        assert.equal(label, path.label);
        assert.equal(Number(step), k);
        for (let column = 0; column < 5; ++column) {
          // Number() reads the shortest decimal back to the exact double.
          assert.equal(path.values[k * 6 + column], Number(numbers[column]), `${label} step ${k} column ${column}`);
        }
      }
    }
    assert.equal(row, rows.length);
    await page.close();
  });

  test('exported CSV equals the native one', async () => {
    const page = await openPage(browser.context);
    assert.equal(await exportCsv(page), nativeCsv([]));
    await page.close();
  });

  test('exports the map as PNG', async () => {
    const page = await openPage(browser.context);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    assert.equal(download.suggestedFilename(), 'optiscope-map.png');
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await page.close();
  });

  test('dragging the start point recomputes and updates the URL', async () => {
    const page = await openPage(browser.context);
    const before = await pagePaths(page);
    const start = await page.evaluate(() => window.optiscopeLab.start());
    const from = await page.evaluate((p) => window.optiscopeLab.clientPoint(p), start);
    const to = await page.evaluate(() => window.optiscopeLab.clientPoint({ x: -1.5, y: 2.5 }));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    const during = await pagePaths(page);
    assert.notEqual(during[0].values[0], before[0].values[0], 'paths follow the pointer during the drag');
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    const moved = await page.evaluate(() => window.optiscopeLab.start());
    assert.ok(Math.abs(moved.x + 1.5) < 0.05, `start x is ${moved.x}`);
    assert.ok(Math.abs(moved.y - 2.5) < 0.05, `start y is ${moved.y}`);
    const after = await pagePaths(page);
    assert.equal(after[0].values[0], moved.x);
    assert.equal(after[0].values[1], moved.y);
    await page.waitForFunction(() => location.hash.includes('start='));
    const values = fragmentValues(page.url());
    assert.equal(values.get('start'), `${moved.x},${moved.y}`);

    // The exported CSV is the native run from the same start.
    assert.equal(await exportCsv(page), nativeCsv(['--start', `${moved.x},${moved.y}`]));
    await page.close();
  });

  test('arrow keys move the start point', async () => {
    const page = await openPage(browser.context);
    const before = await page.evaluate(() => window.optiscopeLab.start());
    await page.focus('#map');
    await page.keyboard.press('ArrowLeft');
    const after = await page.evaluate(() => window.optiscopeLab.start());
    // 1% of the reference view, which spans 6.
    assert.ok(Math.abs(after.x - (before.x - 0.06)) < 1e-9, `x moved to ${after.x}`);
    assert.equal(after.y, before.y);
    await page.close();
  });

  test('changing a learning rate recomputes', async () => {
    const page = await openPage(browser.context);
    const before = await pagePaths(page);
    const lr = page.locator('fieldset.optimizer[data-index="0"] input[type="text"][id^="param-lr"]');
    await lr.fill('0.02');
    const after = await pagePaths(page);
    assert.notEqual(after[0].values[6], before[0].values[6], 'gd moved differently after its lr changed');
    assert.equal(after[1].values[6], before[1].values[6], 'momentum is unchanged');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('o1=gd:lr=0.02'));
    assert.equal(await exportCsv(page), nativeCsv(optimizerArgs(['gd:lr=0.02', ...REFERENCE.slice(1)])));

    // The slider sets the same value on a log scale.
    const slider = page.locator('fieldset.optimizer[data-index="0"] input.slider.log');
    await slider.fill('-1');
    assert.equal(await lr.inputValue(), '0.1');
    await page.close();
  });

  test('a bad formula shows its error and keeps the last picture', async () => {
    const page = await openPage(browser.context);
    const picture = await mapPixels(page);
    const paths = await pagePaths(page);
    await page.fill('#formula', 'x^2 + sinn(y)');
    const error = page.locator('#formula-error');
    await error.waitFor({ state: 'visible' });
    const text = await error.innerText();
    assert.match(text, /unknown function 'sinn' at column 7/);
    assert.match(text, /x\^2 \+ sinn\(y\)\n {6}\^/, 'a caret marks column 7');
    assert.equal(await page.getAttribute('#formula', 'aria-invalid'), 'true');
    assert.equal(await mapPixels(page), picture);
    assert.deepEqual(await pagePaths(page), paths);
    assert.equal(fragmentValues(page.url()).get('surface'), 'quadratic');

    await page.fill('#formula', 'x^2 + 3*y^2');
    await error.waitFor({ state: 'hidden' });
    assert.notEqual(await mapPixels(page), picture);
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('surface=x^2 + 3*y^2'));
    assert.equal(await exportCsv(page), nativeCsv(['--surface', 'x^2 + 3*y^2']));
    await page.close();
  });

  test('the language switch changes the labels', async () => {
    const page = await openPage(browser.context);
    assert.equal(await page.innerText('#surface-heading'), 'Surface');
    await page.selectOption('#language', 'zh');
    assert.equal(await page.innerText('#surface-heading'), '曲面');
    assert.equal(await page.innerText('#play'), '播放');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.waitForFunction(() => location.hash.includes('lang=zh'));
    await page.screenshot({ path: join(artifactDir, 'chinese-1280x800.png') });
    await page.selectOption('#language', 'en');
    assert.equal(await page.innerText('#surface-heading'), 'Surface');
    await page.close();
  });

  test('a link reproduces the view', async () => {
    const fragment =
      '#surface=rosenbrock&start=-1.2,1&steps=60&o1=adam:lr=0.05&l1=fast%20adam&o2=momentum:lr=0.0005' +
      '&schedule=step:step_size=10,gamma=0.5&noise=0.5&seed=7&repeats=2&step=30&sel=1&geom=1&lang=zh';
    const page = await openPage(browser.context, fragment);
    assert.equal(await page.inputValue('#surface-picker'), 'rosenbrock');
    assert.equal(await page.inputValue('#steps'), '60');
    assert.equal(await page.inputValue('#language'), 'zh');
    assert.equal(await page.isChecked('#geometry'), true);
    assert.equal(await page.innerText('#step-number'), '30 / 60');
    await page.screenshot({ path: join(artifactDir, 'link-rosenbrock-geometry-zh.png') });
    const paths = await pagePaths(page);
    assert.deepEqual(
      paths.map((p) => `${p.label}/${p.repeat}`),
      ['fast adam/0', 'momentum/0', 'fast adam/1', 'momentum/1'],
    );
    assert.equal(
      await exportCsv(page),
      nativeCsv([
        '--surface', 'rosenbrock', '--start', '-1.2,1', '--steps', '60',
        '--optimizer', 'adam:lr=0.05,label=fast adam', '--optimizer', 'momentum:lr=0.0005',
        '--schedule', 'step:step_size=10,gamma=0.5', '--noise', '0.5', '--seed', '7', '--repeats', '2',
      ]),
    );
    await page.close();
  });

  test('geometry compares lambda_max times lr with 2', async () => {
    const page = await openPage(browser.context, '#geom=1');
    const readout = page.locator('#geometry-readout');
    // The reference Hessian's eigenvalues are 4.5 +- sqrt(12.89).
    const lambdaMax = 4.5 + Math.sqrt(12.89);
    assert.match(await readout.innerText(), /the surface is quadratic/);
    assert.match(await readout.innerText(), new RegExp(`λmax·lr \\(gd\\)\\s+${lambdaMax.toPrecision(6)} × 0\\.08 = ${(lambdaMax * 0.08).toPrecision(6)} < 2`));
    await page.screenshot({ path: join(artifactDir, 'geometry-quadratic.png') });
    await page.locator('fieldset.optimizer[data-index="0"] input[type="text"][id^="param-lr"]').fill('0.3');
    assert.match(await readout.innerText(), /= 2\.42\d* ≥ 2: diverges/);
    assert.equal((await pagePaths(page))[0].label, 'gd');
    await page.close();
  });

  test('transcendental surfaces agree within 1e-12', async () => {
    const formula = 'exp(0.3*x) + sin(y)^2 + 0.1*(x^2 + y^2)';
    const page = await openPage(browser.context, `#surface=${encodeURIComponent(formula)}&steps=200`);
    const native = parseCsv(nativeCsv(['--surface', formula, '--steps', '200']));
    const web = parseCsv(await exportCsv(page));
    assert.equal(web.length, native.length);
    for (let i = 0; i < native.length; ++i) {
      for (let column = 2; column < 7; ++column) {
        const a = Number(web[i][column]);
        const b = Number(native[i][column]);
        assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `row ${i} column ${column}: ${a} vs ${b}`);
      }
    }
    await page.close();
  });

  test('the inspector shows the optimizer state under noise', async () => {
    const page = await openPage(browser.context, '#surface=quadratic&steps=20&o1=momentum:lr=0.05,momentum=0.9&noise=0.5&seed=3');
    const [path] = await pagePaths(page);
    // Heavy ball: theta_k = theta_{k-1} - lr * b_k, so the buffer after
    // step k is (theta_{k-1} - theta_k) / lr, whatever noise the
    // gradients carried.
    for (const k of [1, 5, 20]) {
      const state = await page.evaluate((step) => window.optiscopeLab.state(0, step), k);
      const buffer = state.find((entry) => entry.name === 'momentum_buffer');
      assert.ok(buffer, `state names: ${state.map((e) => e.name)}`);
      const expectedX = (path.values[(k - 1) * 6] - path.values[k * 6]) / 0.05;
      assert.ok(Math.abs(buffer.x - expectedX) <= 1e-9 * Math.max(1, Math.abs(expectedX)), `step ${k}: ${buffer.x} vs ${expectedX}`);
    }
    await page.click('#step-back');
    assert.match(await page.innerText('#inspector-body'), /momentum_buffer/);
    await page.close();
  });

  test('playback steps and scrubs', async () => {
    const page = await openPage(browser.context);
    await page.locator('#scrub').fill('10');
    assert.equal(await page.innerText('#step-number'), '10 / 100');
    await page.click('#step-forward');
    assert.equal(await page.innerText('#step-number'), '11 / 100');
    await page.click('#play');
    assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'true');
    await page.waitForFunction(() => document.getElementById('step-number').textContent.startsWith('100 /'), null, { timeout: 20000 });
    assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false');
    await page.close();
  });

  test('optimizers can be added, relabelled and removed', async () => {
    const page = await openPage(browser.context);
    await page.selectOption('#add-optimizer-name', 'lion');
    await page.click('#add-optimizer');
    assert.deepEqual((await pagePaths(page)).map((p) => p.label), ['gd', 'momentum', 'adam', 'lion']);
    await page.fill('fieldset.optimizer[data-index="3"] input[id^="optimizer-label"]', 'sign descent');
    assert.equal((await pagePaths(page))[3].label, 'sign descent');
    await page.click('fieldset.optimizer[data-index="0"] button.remove');
    assert.deepEqual((await pagePaths(page)).map((p) => p.label), ['momentum', 'adam', 'sign descent']);
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('l3=sign descent'));
    await page.close();
  });
});
