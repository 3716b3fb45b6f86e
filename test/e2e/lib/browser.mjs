// Debian's Chromium driven by playwright-core (no browser download), with its profile in the
// throwaway sandbox and every request that is not for 127.0.0.1 aborted.
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, onCleanup } from '../../../scripts/editor/codeServer.mjs';

/** Launches Chromium; returns { context, blocked } where `blocked` collects aborted URLs. */
export async function launchBrowser(sandbox) {
  const context = await chromium.launchPersistentContext(path.join(sandbox.dir, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    env: sandbox.env,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Also covers what Playwright's routing does not see (service workers, sockets).
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  onCleanup(() => context.close());
  const blocked = new Set();
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    blocked.add(`${url.protocol}//${url.host}`);
    return route.abort('blockedbyclient');
  });
  return { context, blocked };
}
