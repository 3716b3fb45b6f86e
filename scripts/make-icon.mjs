#!/usr/bin/env node
// Renders media/icon.svg to the 128×128 PNG the gallery needs (media/icon.png), with Debian's
// Chromium through playwright-core, which the real-editor tests already use: no image library
// to add. Run it after changing the SVG and commit both files.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'media/icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.route('**/*', (route) =>
    route.request().url().startsWith('data:') || route.request().url() === 'about:blank' ? route.continue() : route.abort(),
  );
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}</style>${svg}`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  writeFileSync(join(root, 'media/icon.png'), png);
  console.log(`media/icon.png: ${png.length} bytes`);
} finally {
  await browser.close();
}
