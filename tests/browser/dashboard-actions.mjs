// Drives the dashboard's list, an instance that compensated, and every action on a running instance:
// filters and counts, the compensation marked on the timeline, retries marked by the page's timeline code, then
// Suspend, Resume, Terminate (a dismissed confirmation first), Restart and Purge through the buttons.
// Prints one JSON line (what the page showed) for the C# test to check; exits non-zero on failure.
//
// node dashboard-actions.mjs <baseUrl> <runningId> <compensatedId> <screenshotFolder> <userDataDir>
import { chromium } from 'playwright-core';
import { launchOptions } from './browser.mjs';

const [baseUrl, runningId, compensatedId, screenshots, userDataDir] = process.argv.slice(2);
const timeout = 90_000;
const prefix = runningId.slice(0, runningId.indexOf('-') + 1);

const context = await chromium.launchPersistentContext(userDataDir, launchOptions());
const pageErrors = [];
const failedResponses = [];
const external = [];
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(timeout);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('response', (response) => { if (response.status() >= 400) failedResponses.push(`${response.status()} ${response.url()}`); });
  page.on('request', (request) => { if (!request.url().startsWith(baseUrl)) external.push(request.url()); });
  const status = () => page.locator('#instance-status .status').textContent();
  const waitForStatus = (text) => page.locator('#instance-status .status', { hasText: text }).waitFor();
  const open = async (id) => {
    await page.goto(`${baseUrl}/dashboard/#/instances/${encodeURIComponent(id)}`);
    await page.locator('#instance-status .status').waitFor();
  };

  // The list, filtered by id prefix: both runs, with counts for the same filter; then by a status count.
  await page.goto(`${baseUrl}/dashboard/`);
  await page.fill('#filter-prefix', prefix);
  await page.click('#apply-filters');
  await page.locator(`tr[data-instance-id="${compensatedId}"]`).waitFor();
  await page.locator(`tr[data-instance-id="${runningId}"]`).waitFor();
  await page.locator('#status-counts button[data-status="Failed"]').waitFor();
  const prefixRows = await page.locator('#instances tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.instanceId));
  const counts = Object.fromEntries(await page.locator('#status-counts button').evaluateAll((buttons) =>
    buttons.map((b) => [b.dataset.status, b.textContent.replace(b.dataset.status, '').trim()])));
  await page.screenshot({ path: `${screenshots}/01-filtered-list.png`, fullPage: true });

  // The name filter (matched by the page) and the created range (a filter of the API), then cleared again.
  await page.fill('#filter-name', 'CustomerSupportWorkflow');
  await page.click('#apply-filters');
  await page.locator(`tr[data-instance-id="${runningId}"]`).waitFor({ state: 'detached' });
  const nameRows = await page.locator('#instances tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.instanceId));
  await page.fill('#filter-name', '');
  await page.fill('#filter-from', '2000-01-01T00:00:00');
  await page.fill('#filter-to', '2000-01-02T00:00:00');
  await page.click('#apply-filters');
  await page.locator('#empty').waitFor({ state: 'visible' });
  await page.fill('#filter-from', '');
  await page.fill('#filter-to', '');
  await page.click('#apply-filters');
  await page.locator(`tr[data-instance-id="${runningId}"]`).waitFor();
  await page.click('#status-counts button[data-status="Failed"]');
  await page.locator(`tr[data-instance-id="${runningId}"]`).waitFor({ state: 'detached' });
  const failedRows = await page.locator('#instances tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.instanceId));

  // The run that failed and compensated: failure details, a banner, the compensation tagged on its timeline.
  await open(compensatedId);
  await page.locator('#compensation-banner').waitFor();
  const failureDetails = await page.locator('#failure-details').textContent();
  const compensationLabels = await page.locator('#timeline .row:has(.tag.compensation) .label').allTextContents();
  const failedLabels = await page.locator('#timeline .row:has(.tag.failed) .label').allTextContents();
  await page.screenshot({ path: `${screenshots}/02-compensated.png`, fullPage: true });

  // Retries: the page's timeline code on a history where an activity failed once and then succeeded.
  const retryAttempts = await page.evaluate(() => {
    const history = [
      { EventType: 'ExecutionStarted', Timestamp: '2026-01-01T00:00:00.000Z', FunctionName: 'Flaky' },
      { EventType: 'TaskFailed', Timestamp: '2026-01-01T00:00:01.000Z', ScheduledTime: '2026-01-01T00:00:00.100Z', FunctionName: 'Charge', Input: { order: 7 }, Reason: 'gateway down' },
      { EventType: 'TimerCreated', Timestamp: '2026-01-01T00:00:01.000Z', FireAt: '2026-01-01T00:00:06.000Z' },
      { EventType: 'TimerFired', Timestamp: '2026-01-01T00:00:06.000Z', FireAt: '2026-01-01T00:00:06.000Z' },
      { EventType: 'TaskCompleted', Timestamp: '2026-01-01T00:00:07.000Z', ScheduledTime: '2026-01-01T00:00:06.000Z', FunctionName: 'Charge', Input: { order: 7 }, Result: 'ok' },
      { EventType: 'TaskCompleted', Timestamp: '2026-01-01T00:00:08.000Z', ScheduledTime: '2026-01-01T00:00:07.000Z', FunctionName: 'Charge', Input: { order: 8 }, Result: 'ok' },
      { EventType: 'SubOrchestrationInstanceCompleted', Timestamp: '2026-01-01T00:00:10.000Z', ScheduledTime: '2026-01-01T00:00:08.000Z', FunctionName: 'Ship', InstanceId: 'child-1', Result: 'shipped' },
      { EventType: 'EventRaised', Timestamp: '2026-01-01T00:00:11.000Z', Name: 'Delivered', Input: null },
      { EventType: 'ExecutionCompleted', Timestamp: '2026-01-01T00:00:12.000Z', OrchestrationStatus: 'Completed' },
    ];
    const timeline = buildTimeline({ runtimeStatus: 'Completed', createdTime: '2026-01-01T00:00:00Z' }, history);
    return timeline.rows.map((r) => ({ kind: r.kind, name: r.name, order: r.input && r.input.order, attempt: r.attempt ?? 1, failed: !!r.failed, milliseconds: r.end - r.start }));
  });

  // Actions on the running run, each confirmed; a dismissed confirmation changes nothing.
  await open(runningId);
  const before = (await status()).trim();
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.click('#action-terminate');
  const afterDismiss = (await status()).trim();
  page.on('dialog', (dialog) => dialog.accept());
  await page.click('#action-suspend');
  await waitForStatus('Suspended');
  await page.click('#action-resume');
  await waitForStatus('Running');
  await page.click('#action-terminate');
  await waitForStatus('Terminated');
  await page.screenshot({ path: `${screenshots}/03-terminated.png`, fullPage: true });
  await page.click('#action-restart');
  await page.waitForURL((url) => !decodeURIComponent(url.hash).endsWith(`/${runningId}`));
  await page.locator('h1').filter({ hasNotText: runningId }).waitFor();
  const restartedId = decodeURIComponent(new URL(page.url()).hash.replace('#/instances/', ''));
  await page.locator('#instance-name', { hasText: 'SupervisorWorkflow' }).waitFor();

  await open(runningId);
  await page.click('#action-purge');
  await page.waitForURL((url) => url.hash === '#/');
  // The list keeps its filters (prefix, status Failed); the status filter is toggled off again by its count.
  await page.click('#status-counts button[data-status="Failed"].active');
  await page.locator('#status-counts button[data-status="Failed"]:not(.active)').waitFor();
  await page.locator(`tr[data-instance-id="${compensatedId}"]`).waitFor();
  const listedAfterPurge = await page.locator('#instances tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.instanceId));
  await page.screenshot({ path: `${screenshots}/04-after-purge.png`, fullPage: true });

  console.log(JSON.stringify({ prefixRows, nameRows, counts, failedRows, failureDetails, compensationLabels, failedLabels, retryAttempts,
    before, afterDismiss, restartedId, listedAfterPurge, pageErrors, failedResponses, external }));
} finally {
  await context.close();
}
