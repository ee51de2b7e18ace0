// `optiscope serve` and `optiscope app`: the server responds on loopback
// with the page and nothing else, and the written page opens preloaded.

import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { exportCsv, launch, nativeCsv, openPage, optiscope } from './support.mjs';

// Sends one raw request, so that paths such as /../ reach the server as
// typed, and returns the status and body.
function get(port, path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from 127.0.0.1:${port}${path}`)));
    req.on('error', reject);
    req.end();
  });
}

describe('optiscope serve', () => {
  let server;
  let port;
  let output = '';

  before(async () => {
    server = spawn(optiscope, ['serve', '--port', '0', '--steps', '50'], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stderr.setEncoding('utf8');
    server.stderr.on('data', (chunk) => (output += chunk));
    port = await new Promise((resolve, reject) => {
      let text = '';
      server.stdout.setEncoding('utf8');
      server.stdout.on('data', (chunk) => {
        text += chunk;
        const match = text.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
        if (match) {
          resolve(Number(match[1]));
        }
      });
      server.on('exit', (code) => reject(new Error(`optiscope serve exited with ${code}: ${output}`)));
    });
  });

  after(() => {
    if (server.exitCode === null) {
      server.kill('SIGKILL');
    }
  });

  test('answers on loopback with the preloaded page', async () => {
    const { status, body } = await get(port, '/');
    assert.equal(status, 200);
    assert.match(body, /<script id="optiscope-preload" type="application\/json">"surface=quadratic&steps=50&step=50"<\/script>/);
    assert.equal((await get(port, '/optiscope.html?lang=zh')).status, 200);
  });

  test('rejects paths outside its files', async () => {
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/etc/passwd', '/optiscope.html/..', '//etc/passwd']) {
      const { status, body } = await get(port, path);
      assert.equal(status, 404, path);
      assert.doesNotMatch(body, /root:/);
    }
    assert.equal((await get(port, '/', 'POST')).status, 405);
    assert.match(output, /GET \/\.\.\/\.\.\/etc\/passwd 404/);
  });

  test('the served page computes in the browser', async () => {
    const origin = `http://127.0.0.1:${port}`;
    const browser = await launch({ allowedOrigin: origin });
    try {
      const page = await openPage(browser.context, '', `${origin}/`);
      assert.equal(await page.innerText('#step-number'), '50 / 50');
      assert.deepEqual(browser.blocked, []);
    } finally {
      await browser.close();
    }
  });

  test('stops on SIGTERM', async () => {
    const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});

describe('optiscope app', () => {
  let browser;
  let dir;

  before(async () => {
    browser = await launch();
    dir = mkdtempSync(join(tmpdir(), 'optiscope-app-'));
  });

  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('writes a page preloaded with the scenario', async () => {
    const args = ['--optimizer', 'adam:lr=0.05,label=fast', '--optimizer', 'rmsprop', '--start', '-1,1.5', '--steps', '40', '--schedule', 'exponential:gamma=0.97'];
    execFileSync(optiscope, ['app', ...args, '--out', dir, '--quiet']);
    const page = await openPage(browser.context, '', pathToFileURL(join(dir, 'optiscope.html')).href);
    assert.equal(await page.inputValue('#steps'), '40');
    assert.equal(await exportCsv(page), nativeCsv(args));
    assert.deepEqual(browser.blocked, []);
  });

  test('rejects a bad experiment like run', () => {
    let failure;
    try {
      execFileSync(optiscope, ['app', '--optimizer', 'adma', '--out', dir], { stdio: 'pipe' });
    } catch (error) {
      failure = error;
    }
    assert.equal(failure?.status, 2);
    assert.match(String(failure.stderr), /unknown optimizer 'adma'; did you mean 'adam'\?/);
  });
});
