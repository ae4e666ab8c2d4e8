// Debian's chromium driven by the project's playwright-core (no browser download).
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';
import { onCleanup } from './cleanup.mjs';

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Returns { browser, context, page, close() }; the profile is a fresh temporary one. */
export async function launchBrowser({ viewport = { width: 1440, height: 900 }, locale = 'en-US' } = {}) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    await browser.close().catch(() => {});
  };
  const unregister = onCleanup({
    async: close,
    sync: () => {
      // playwright's own exit hook kills the browser process; nothing to do synchronously.
    },
  });
  const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
  const page = await context.newPage();
  return { browser, context, page, close };
}
