// Debian's Chromium driven by playwright-core (never a browser downloaded by a test tool). The flags keep it
// from reaching for the network, which on a closed network makes it stall or misbehave.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './proc.mjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launch options for `chromium.launchPersistentContext(userDataDir, options)`: the fresh profile folder is
 * the first argument, the rest is the options object. Handed to the e2e tests as JSON (XWF_CHROMIUM).
 */
export function chromiumLaunchOptions(userDataDir) {
  return {
    userDataDir,
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  };
}

/** A fresh Chromium profile folder, removed by the returned function (and on any way out). */
export function freshProfileDir() {
  const dir = mkdtempSync(join(tmpdir(), 'xwf-chromium-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const off = onCleanup(remove);
  return {
    dir,
    remove: () => {
      off();
      remove();
    },
  };
}

/** Launches headless Chromium with a fresh profile; returns { context, page, close() }. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const profile = freshProfileDir();
  const { userDataDir, ...options } = chromiumLaunchOptions(profile.dir);
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, options);
  } catch (err) {
    profile.remove();
    throw err;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      profile.remove();
    },
  };
}
