// Drives the dashboard's list, an instance that compensated, and every action on a running instance:
// filters and counts, the compensation marked on the timeline, retries marked by the page's timeline code, then
// a finished run's page that stops refreshing, a load still on its way when the user opens another run (it must not
// take over the new page), then Suspend, Resume, Terminate (a dismissed confirmation first), Restart and Purge.
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
  // Requests that change something (every action is a POST or DELETE), to show a dismissed confirmation sent none.
  const changes = [];
  page.on('request', (request) => { if (request.method() !== 'GET') changes.push(`${request.method()} ${request.url()}`); });
  const isInstanceGet = (request, id) => request.method() === 'GET'
    && new URL(request.url()).pathname.endsWith(`/instances/${encodeURIComponent(id)}`);
  const refreshState = () => page.evaluate(() => ({ timer: refreshTimer !== null, render: currentRender !== null }));
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
  // The table is emptied before the filtered rows are drawn: wait for the failed run's row, not only for the other to go.
  await page.locator(`tr[data-instance-id="${compensatedId}"]`).waitFor();
  const failedRows = await page.locator('#instances tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.instanceId));

  // The run that failed and compensated: failure details, a banner, the compensation tagged on its timeline.
  await open(compensatedId);
  await page.locator('#compensation-banner').waitFor();
  const failureDetails = await page.locator('#failure-details').textContent();
  const compensationLabels = await page.locator('#timeline .row:has(.tag.compensation) .label').allTextContents();
  const failedLabels = await page.locator('#timeline .row:has(.tag.failed) .label').allTextContents();
  await page.screenshot({ path: `${screenshots}/02-compensated.png`, fullPage: true });
  // Drawn once: the banner is drawn in the same step that stops a finished run's refreshing.
  const finishedRefresh = await refreshState();

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

  // The finished run's load is held in the network while the user opens the running run; once let through, it must
  // neither draw into that page nor stop its refreshing: the next instance request is the running run's refresh.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let reachedRoute;
  const routed = new Promise((resolve) => { reachedRoute = resolve; });
  await page.route((url) => url.pathname.endsWith(`/instances/${encodeURIComponent(compensatedId)}`),
    async (route) => { reachedRoute(); await held; await route.continue(); }, { times: 1 });
  await open(runningId);
  await page.evaluate((id) => { location.hash = `#/instances/${encodeURIComponent(id)}`; }, compensatedId);
  await Promise.race([routed, new Promise((_, reject) => setTimeout(() => reject(new Error('the held request was never sent')), timeout))]);
  await page.evaluate((id) => { location.hash = `#/instances/${encodeURIComponent(id)}`; }, runningId);
  await page.locator('#instance-name', { hasText: 'SupervisorWorkflow' }).waitFor();
  const heldFinished = page.waitForEvent('requestfinished', (request) => isInstanceGet(request, compensatedId));
  release();
  await heldFinished;
  const nextRequest = await page.waitForRequest((request) => isInstanceGet(request, runningId) || isInstanceGet(request, compensatedId));
  const nextRefreshOf = isInstanceGet(nextRequest, runningId) ? runningId : compensatedId;
  await nextRequest.response();
  const raceHeading = await page.locator('h1').textContent();
  const raceStatus = (await status()).trim();
  const runningRefresh = await refreshState();

  // Actions on the running run, each confirmed; a dismissed confirmation changes nothing: no request is sent, and the
  // page's next refresh (the instance as the server now has it) still shows it Running.
  await open(runningId);
  const before = (await status()).trim();
  const changesBeforeDismiss = changes.length;
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.click('#action-terminate');
  // A request sent after the click (one already on its way could predate it).
  const refreshAfterDismiss = await page.waitForRequest((request) => isInstanceGet(request, runningId));
  const afterDismiss = (await (await refreshAfterDismiss.response()).json()).runtimeStatus;
  const changesAfterDismiss = changes.slice(changesBeforeDismiss);
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
    finishedRefresh, nextRefreshOf, raceHeading, raceStatus, runningRefresh, before, afterDismiss, changesAfterDismiss, restartedId, listedAfterPurge, pageErrors, failedResponses, external }));
} finally {
  await context.close();
}
