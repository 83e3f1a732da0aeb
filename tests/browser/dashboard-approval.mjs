// Drives the dashboard like a person: opens the host's root URL, enters the API key the page asks for, finds the
// supervisor run waiting for approval, approves it on the Approvals page, watches the run complete on its page and
// reads its timeline. Prints one JSON line (what the page showed) for the C# test to check; exits non-zero on failure.
//
// node dashboard-approval.mjs <baseUrl> <apiKey> <instanceId> <screenshotFolder> <userDataDir>
import { chromium } from 'playwright-core';
import { launchOptions } from './browser.mjs';

const [baseUrl, apiKey, instanceId, screenshots, userDataDir] = process.argv.slice(2);
const timeout = 90_000;

const context = await chromium.launchPersistentContext(userDataDir, launchOptions());
const pageErrors = [];
const failedResponses = [];
const external = [];
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(timeout);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  // 401 is expected: it is how the page learns that the API wants a key.
  page.on('response', (response) => { if (response.status() >= 400 && response.status() !== 401) failedResponses.push(`${response.status()} ${response.url()}`); });
  page.on('request', (request) => { if (!request.url().startsWith(baseUrl)) external.push(request.url()); });

  // The root redirects to the dashboard; the API requires a key, so the page asks for it once.
  await page.goto(baseUrl + '/');
  await page.locator('#api-key').waitFor({ state: 'visible' });
  await page.screenshot({ path: `${screenshots}/01-api-key.png`, fullPage: true });
  await page.fill('#api-key', apiKey);
  await page.click('#api-key-save');

  // The waiting run is listed, Running.
  const row = page.locator(`tr[data-instance-id="${instanceId}"]`);
  await row.waitFor();
  const listedStatus = (await row.locator('.status').textContent()).trim();
  const dashboardUrl = page.url();
  await page.screenshot({ path: `${screenshots}/02-instances.png`, fullPage: true });

  // Its approval, with the details the workflow published; approved through the page (the confirmation accepted).
  await page.click('#nav-approvals');
  const card = page.locator(`.approval[data-instance-id="${instanceId}"]`);
  await card.waitFor();
  const approvalName = await card.getAttribute('data-approval');
  const details = JSON.parse(await card.locator('pre.details').textContent());
  await card.locator('input.approver').fill('ana (dashboard)');
  await card.locator('input.comment').fill('approved in the browser test');
  await page.screenshot({ path: `${screenshots}/03-approval.png`, fullPage: true });
  page.once('dialog', (dialog) => dialog.accept());
  await card.locator('button.approve').click();
  await page.locator('#no-approvals').waitFor();

  // The run's page refreshes itself until the run completed.
  await page.goto(`${dashboardUrl.split('#')[0]}#/instances/${encodeURIComponent(instanceId)}`);
  await page.locator('#instance-status .status', { hasText: 'Completed' }).waitFor();
  await page.locator('#timeline .bar.agent').first().waitFor();
  await page.screenshot({ path: `${screenshots}/04-timeline.png`, fullPage: true });

  const agentBars = await page.locator('#timeline .row[data-kind="agent"]').evaluateAll((rows) => rows.map((row) => ({
    agent: row.querySelector('.bar').dataset.agent,
    tokens: Number(row.querySelector('.bar').dataset.tokens),
    label: row.querySelector('.label').textContent,
    widthPercent: parseFloat(row.querySelector('.bar').style.width),
  })));
  const approvalRows = await page.locator('#timeline .row[data-kind="approval"] .label').allTextContents();
  const totals = await page.locator('#agent-totals').textContent();

  // The API reference, linked from the dashboard, renders the management API's document from this server alone.
  await page.click('#nav-api-reference');
  await page.getByText('DurableAgents management API').first().waitFor();
  await page.screenshot({ path: `${screenshots}/05-api-reference.png`, fullPage: false });
  const apiReferenceUrl = page.url();
  console.log(JSON.stringify({ apiReferenceUrl, listedStatus, approvalName, details, agentBars, approvalRows, totals, pageErrors, failedResponses, external }));
} finally {
  await context.close();
}
