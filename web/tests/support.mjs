// Shared setup of the browser tests: paths of the built page and tool,
// Debian's Chromium through playwright-core, and helpers that run the
// native tool for comparison.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const testsDir = dirname(fileURLToPath(import.meta.url));
const buildDir = resolve(process.env.OPTISCOPE_BUILD_DIR ?? join(testsDir, '..', '..', 'build', 'release'));

/** The optiscope executable and the page it embeds, from the build tree. */
export const optiscope = join(buildDir, 'optiscope');
export const pageFile = join(buildDir, 'web', 'optiscope.html');
export const pageUrl = pathToFileURL(pageFile).href;
export const artifactDir = resolve(process.env.OPTISCOPE_TEST_ARTIFACTS ?? join(buildDir, 'web-test-artifacts'));
mkdirSync(artifactDir, { recursive: true });

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts Chromium with a fresh profile and no network: the context is
 * offline, and any request that is not for the page itself (file:, data:,
 * blob:) or for `allowedOrigin` is aborted and recorded in `blocked`.
 */
export async function launch({ allowedOrigin = null } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'optiscope-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    // The fresh profile directory is Chromium's --user-data-dir.
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    offline: allowedOrigin === null,
  });
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url) || (allowedOrigin && url.startsWith(allowedOrigin))) {
      return route.continue();
    }
    blocked.push(url);
    return route.abort();
  });
  const errors = [];
  context.on('weberror', (error) => errors.push(String(error.error())));
  return {
    context,
    blocked,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the page (with an optional '#fragment') and waits until it has computed. */
export async function openPage(context, fragment = '', url = pageUrl) {
  const page = await context.newPage();
  await page.goto(url + fragment);
  await page.waitForSelector('body.ready', { timeout: 30000 });
  return page;
}

/** Runs `optiscope run` with `args` and returns the CSV it wrote. */
export function nativeCsv(args) {
  const out = mkdtempSync(join(tmpdir(), 'optiscope-run-'));
  try {
    execFileSync(optiscope, ['run', ...args, '--out', out, '--no-figures', '--quiet']);
    return readFileSync(join(out, 'optimizer-paths.csv'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Clicks Export CSV and returns the downloaded text. */
export async function exportCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const file = await download.path();
  return readFileSync(file, 'utf8');
}

/** Parses optimizer-paths.csv into rows of [label, step, x, y, loss, gx, gy, lr, repeat]. */
export function parseCsv(text) {
  return text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

/** Returns the page's fragment as a map from key to decoded value. */
export function fragmentValues(url) {
  const hash = new URL(url).hash.slice(1);
  return new Map(
    hash
      .split('&')
      .filter((part) => part !== '')
      .map((part) => {
        const equals = part.indexOf('=');
        return [decodeURIComponent(part.slice(0, equals)), decodeURIComponent(part.slice(equals + 1))];
      }),
  );
}
