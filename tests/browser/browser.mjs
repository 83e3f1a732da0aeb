// Launch options for Debian's chromium package: headless, no sandbox (tests run as root in a container), nothing that
// reaches the network on its own (updates, sync, QUIC probes). The browser is never downloaded by Playwright.
export const executablePath = process.env.DURABLEAGENTS_CHROMIUM || '/usr/bin/chromium';

export function launchOptions() {
  return {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 1000 },
  };
}
