// DurableAgents dashboard: a hand-written front end over the management HTTP API (no framework, no build step).
// Every value from the server is written with textContent, never as markup.
'use strict';

const basePath = document.body.dataset.basePath;
const approvalsPath = document.body.dataset.approvalsPath;
const keyStorage = 'durableagents.apiKey';
const statuses = ['Pending', 'Running', 'Suspended', 'Completed', 'Failed', 'Terminated'];
const terminal = new Set(['Completed', 'Failed', 'Terminated']);
const refreshMilliseconds = 3000;
// Counting a status reads at most this many pages of 1000 instances; a count with more left then reads "n+".
const countPages = 5;

let refreshTimer = null;
let currentRender = null;
// Bumped each time a view is drawn. A load still awaiting the server when the user moves on compares its number
// with this after every await and stops, so it neither draws into the new view nor takes over its refresh timer.
let viewNumber = 0;

// ---------- HTTP ----------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  const key = sessionStorage.getItem(keyStorage);
  if (key) {
    headers.set('x-api-key', key);
  }
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401) {
    showKeyForm(key ? 'The API key was refused; enter the right one.' : null);
    throw new ApiError(401, await readJson(response));
  }
  if (!response.ok) {
    throw new ApiError(response.status, await readJson(response));
  }
  return response;
}

async function readJson(response) {
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}

function showKeyForm(error) {
  document.getElementById('key-form').hidden = false;
  const message = document.getElementById('key-error');
  message.hidden = !error;
  message.textContent = error || '';
  document.getElementById('api-key').focus();
}

document.getElementById('api-key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(keyStorage, document.getElementById('api-key').value);
  document.getElementById('api-key').value = '';
  document.getElementById('key-form').hidden = true;
  document.getElementById('forget-key').hidden = false;
  route();
});

document.getElementById('forget-key').hidden = !sessionStorage.getItem(keyStorage);
document.getElementById('forget-key').addEventListener('click', () => {
  sessionStorage.removeItem(keyStorage);
  document.getElementById('forget-key').hidden = true;
  route();
});

// ---------- helpers ----------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      node.className = value;
    } else if (name === 'style') {
      // Through the CSSOM: the page's Content-Security-Policy refuses style attributes written as text.
      Object.assign(node.style, value);
    } else if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function showMessage(text) {
  const message = document.getElementById('message');
  message.hidden = !text;
  message.textContent = text || '';
}

function reportError(error) {
  if (error instanceof ApiError && error.status === 401) {
    return;
  }
  const problem = error.problem;
  showMessage(problem && problem.title ? `${problem.title}: ${problem.detail || ''}` : String(error.message || error));
}

function formatTime(iso) {
  return iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '') : '';
}

function formatDuration(milliseconds) {
  if (!(milliseconds >= 0)) {
    return '';
  }
  if (milliseconds < 1000) {
    return `${Math.round(milliseconds)} ms`;
  }
  const seconds = milliseconds / 1000;
  if (seconds < 120) {
    return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  }
  const minutes = seconds / 60;
  return minutes < 120 ? `${minutes.toFixed(1)} min` : `${(minutes / 60).toFixed(1)} h`;
}

function formatCost(cost) {
  return typeof cost === 'number' ? `$${cost.toFixed(cost < 0.01 ? 6 : 4)}` : '';
}

function json(value) {
  return value === undefined || value === null ? '(none)' : JSON.stringify(value, null, 2);
}

function statusBadge(status) {
  return el('span', { class: `status ${status}` }, status);
}

function summary(customStatus) {
  if (customStatus === null || customStatus === undefined) {
    return '';
  }
  if (customStatus.waitingForApproval) {
    return `waiting for approval '${customStatus.waitingForApproval.name}'`;
  }
  if (typeof customStatus.phase === 'string') {
    const steps = customStatus.total !== undefined ? ` ${customStatus.completed ?? 0}/${customStatus.total}` : '';
    return `${customStatus.phase}${steps}${customStatus.detail ? ': ' + customStatus.detail : ''}`;
  }
  const text = typeof customStatus === 'string' ? customStatus : JSON.stringify(customStatus);
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}

function instancePath(id) {
  return `${basePath}/instances/${encodeURIComponent(id)}`;
}

function schedule(render) {
  currentRender = render;
  clearTimeout(refreshTimer);
  refreshTimer = null;
  if (document.getElementById('live').checked) {
    refreshTimer = setTimeout(async () => {
      if (currentRender === render) {
        await render(true);
      }
    }, refreshMilliseconds);
  }
}

function stopRefreshing() {
  currentRender = null;
  clearTimeout(refreshTimer);
  refreshTimer = null;
}

// Starts a new view: earlier views' loads see the number change and stop.
function beginView() {
  viewNumber += 1;
  stopRefreshing();
  const number = viewNumber;
  return () => number === viewNumber;
}

document.getElementById('live').addEventListener('change', () => {
  if (currentRender) {
    schedule(currentRender);
  }
});

// ---------- routing ----------

function route() {
  showMessage(null);
  const hash = location.hash || '#/';
  const instance = hash.match(/^#\/instances\/(.+)$/);
  if (instance) {
    renderInstance(decodeURIComponent(instance[1]));
  } else if (hash === '#/approvals') {
    renderApprovals();
  } else {
    renderList();
  }
  refreshApprovalCount();
}

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', route);

async function refreshApprovalCount() {
  try {
    const approvals = await (await api(approvalsPath)).json();
    document.getElementById('approval-count').textContent = approvals.length ? String(approvals.length) : '';
  } catch {
    // The views report errors; the badge stays as it was.
  }
}

// ---------- instance list ----------

const listState = { filters: {}, tokens: [null], page: 0 };

function listQuery(filters, status, top) {
  const query = new URLSearchParams({ showInput: 'false', top: String(top) });
  if (status) {
    query.set('runtimeStatus', status);
  }
  if (filters.prefix) {
    query.set('instanceIdPrefix', filters.prefix);
  }
  // The inputs hold UTC, as the table shows it; datetime-local values carry no zone of their own.
  if (filters.from) {
    query.set('createdTimeFrom', new Date(filters.from + 'Z').toISOString());
  }
  if (filters.to) {
    query.set('createdTimeTo', new Date(filters.to + 'Z').toISOString());
  }
  return `${basePath}/instances?${query}`;
}

async function fetchPage(filters, status, top, token) {
  const headers = token ? { 'x-ms-continuation-token': token } : {};
  const response = await api(listQuery(filters, status, top), { headers });
  return { items: await response.json(), next: response.headers.get('x-ms-continuation-token') };
}

// The API filters by status, creation time and id prefix; the name is matched here, reading further pages until
// one page of matching rows is full (the continuation token then points after the last page read).
async function fetchMatching(filters, top, token) {
  if (!filters.name) {
    return fetchPage(filters, filters.status, top, token);
  }
  const rows = [];
  let next = token;
  for (let reads = 0; reads < 50; reads++) {
    const page = await fetchPage(filters, filters.status, top, next);
    rows.push(...page.items.filter((i) => i.name === filters.name));
    next = page.next;
    if (!next || rows.length >= top) {
      break;
    }
  }
  return { items: rows, next };
}

// Bounded by pages read, not by matches: with a name filter few rows may match, and reading every page of a large
// task hub on each refresh would cost as much as the whole hub.
async function countStatus(filters, status) {
  let count = 0;
  let token = null;
  let reads = 0;
  do {
    const page = await fetchPage(filters, status, 1000, token);
    count += filters.name ? page.items.filter((i) => i.name === filters.name).length : page.items.length;
    token = page.next;
    reads += 1;
  } while (token && reads < countPages);
  return token ? `${count}+` : String(count);
}

function renderList() {
  const isCurrent = beginView();
  const view = document.getElementById('view');
  view.replaceChildren(document.getElementById('list-template').content.cloneNode(true));
  const form = document.getElementById('filters');
  const filters = listState.filters;
  document.getElementById('filter-status').value = filters.status || '';
  document.getElementById('filter-name').value = filters.name || '';
  document.getElementById('filter-prefix').value = filters.prefix || '';
  document.getElementById('filter-from').value = filters.from || '';
  document.getElementById('filter-to').value = filters.to || '';
  document.getElementById('filter-top').value = String(filters.top || 25);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    listState.filters = {
      status: document.getElementById('filter-status').value,
      name: document.getElementById('filter-name').value.trim(),
      prefix: document.getElementById('filter-prefix').value.trim(),
      from: document.getElementById('filter-from').value,
      to: document.getElementById('filter-to').value,
      top: Number(document.getElementById('filter-top').value),
    };
    listState.tokens = [null];
    listState.page = 0;
    load(false);
  });
  document.getElementById('first-page').addEventListener('click', () => {
    listState.tokens = [null];
    listState.page = 0;
    load(false);
  });
  document.getElementById('previous-page').addEventListener('click', () => {
    listState.page = Math.max(0, listState.page - 1);
    load(false);
  });
  document.getElementById('next-page').addEventListener('click', () => {
    listState.page += 1;
    load(false);
  });

  async function load(refreshing) {
    if (!document.getElementById('instances')) {
      return;
    }
    try {
      const page = await fetchMatching(listState.filters, listState.filters.top || 25, listState.tokens[listState.page]);
      if (!isCurrent()) {
        return;
      }
      listState.tokens[listState.page + 1] = page.next;
      listState.tokens.length = listState.page + 2;
      drawRows(page.items);
      document.getElementById('previous-page').disabled = listState.page === 0;
      document.getElementById('first-page').disabled = listState.page === 0;
      document.getElementById('next-page').disabled = !page.next;
      document.getElementById('page-number').textContent = `page ${listState.page + 1}`;
      await drawCounts();
      if (!isCurrent()) {
        return;
      }
      if (!refreshing) {
        showMessage(null);
      }
    } catch (error) {
      if (!isCurrent()) {
        return;
      }
      reportError(error);
    }
    schedule(load);
  }

  async function drawCounts() {
    const counts = await Promise.all(statuses.map((s) => countStatus(listState.filters, s)));
    const container = document.getElementById('status-counts');
    if (!container || !isCurrent()) {
      return;
    }
    container.replaceChildren(...statuses.map((status, index) => el('button', {
      type: 'button',
      class: listState.filters.status === status ? 'active' : '',
      'data-status': status,
      onclick: () => {
        listState.filters = { ...listState.filters, status: listState.filters.status === status ? '' : status };
        listState.tokens = [null];
        listState.page = 0;
        renderList();
      },
    }, statusBadge(status), ` ${counts[index]}`)));
  }

  function drawRows(items) {
    const body = document.querySelector('#instances tbody');
    if (!body) {
      return;
    }
    body.replaceChildren(...items.map((i) => el('tr', { 'data-instance-id': i.instanceId },
      el('td', {}, el('a', { href: `#/instances/${encodeURIComponent(i.instanceId)}` }, i.instanceId)),
      el('td', {}, i.name),
      el('td', {}, statusBadge(i.runtimeStatus)),
      el('td', {}, formatTime(i.createdTime)),
      el('td', {}, formatTime(i.lastUpdatedTime)),
      el('td', {}, summary(i.customStatus)))));
    document.getElementById('empty').hidden = items.length > 0;
  }

  load(false);
}

// ---------- approvals ----------

function approvalCard(approval, afterAnswer) {
  const approver = el('input', { placeholder: 'your name', class: 'approver', 'aria-label': 'approver' });
  const comment = el('input', { placeholder: 'comment', class: 'comment', 'aria-label': 'comment' });
  const answer = async (approved) => {
    const verb = approved ? 'Approve' : 'Reject';
    if (!confirm(`${verb} '${approval.name}' of ${approval.instanceId}?`)) {
      return;
    }
    try {
      await api(`${approvalsPath}/${encodeURIComponent(approval.instanceId)}/${encodeURIComponent(approval.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ approved, approver: approver.value || null, comment: comment.value || null }),
      });
      showMessage(null);
      afterAnswer();
    } catch (error) {
      reportError(error);
    }
  };
  return el('div', { class: 'card approval', 'data-instance-id': approval.instanceId, 'data-approval': approval.name },
    el('div', {}, el('strong', {}, approval.name), ' in ',
      el('a', { href: `#/instances/${encodeURIComponent(approval.instanceId)}` }, approval.instanceId),
      ` (${approval.orchestratorName}, ${approval.runtimeStatus})`),
    el('dl', { class: 'facts' },
      el('dt', {}, 'waiting since'), el('dd', {}, formatTime(approval.since)),
      el('dt', {}, 'expires'), el('dd', {}, formatTime(approval.expiresAt)),
      approval.inputSummary ? [el('dt', {}, 'input'), el('dd', {}, approval.inputSummary)] : null),
    el('div', {}, 'Details the workflow published:'),
    el('pre', { class: 'details' }, json(approval.details)),
    el('div', { class: 'answer' }, approver, comment,
      el('button', { type: 'button', class: 'approve', onclick: () => answer(true) }, 'Approve'),
      el('button', { type: 'button', class: 'danger reject', onclick: () => answer(false) }, 'Reject')));
}

function renderApprovals() {
  const isCurrent = beginView();
  const view = document.getElementById('view');
  view.replaceChildren(el('h1', {}, 'Pending approvals'), el('div', { id: 'approvals' }));

  async function load() {
    const container = document.getElementById('approvals');
    if (!container) {
      return;
    }
    // An answer being typed is not thrown away by a refresh.
    const typing = container.contains(document.activeElement) && document.activeElement.tagName === 'INPUT';
    if (!typing) {
      try {
        const approvals = await (await api(approvalsPath)).json();
        if (!isCurrent()) {
          return;
        }
        container.replaceChildren(...(approvals.length
          ? approvals.map((a) => approvalCard(a, () => { refreshApprovalCount(); load(); }))
          : [el('p', { id: 'no-approvals' }, 'Nothing waits for an answer.')]));
      } catch (error) {
        if (!isCurrent()) {
          return;
        }
        reportError(error);
      }
    }
    schedule(load);
  }

  load();
}

// ---------- instance page ----------

function renderInstance(id) {
  const isCurrent = beginView();
  const view = document.getElementById('view');
  view.replaceChildren(el('h1', {}, id), el('div', { id: 'instance' }, 'Loading...'));
  let lastDrawn = null;

  async function load() {
    const container = document.getElementById('instance');
    if (!container) {
      return;
    }
    try {
      const response = await api(`${instancePath(id)}?showHistory=true&showHistoryOutput=true&showInput=true`);
      const status = await response.json();
      const approvals = terminal.has(status.runtimeStatus) ? [] : await (await api(approvalsPath)).json();
      if (!isCurrent()) {
        return;
      }
      const fingerprint = JSON.stringify([status, approvals]);
      const typing = container.contains(document.activeElement) && document.activeElement.tagName === 'INPUT';
      if (fingerprint !== lastDrawn && !typing) {
        lastDrawn = fingerprint;
        container.replaceChildren(...drawInstance(status, approvals.filter((a) => a.instanceId === id), () => load()));
      }
      showMessage(null);
      // A finished instance changes no more (a restart or purge from its buttons moves to another view).
      if (terminal.has(status.runtimeStatus)) {
        stopRefreshing();
        return;
      }
    } catch (error) {
      if (!isCurrent()) {
        return;
      }
      if (error instanceof ApiError && error.status === 404) {
        container.replaceChildren(el('p', {}, 'No such instance (it may have been purged). '), el('a', { href: '#/' }, 'Back to the list'));
        return;
      }
      reportError(error);
    }
    schedule(load);
  }

  load();
}

function drawInstance(status, approvals, reload) {
  const id = status.instanceId;
  const history = status.historyEvents || [];
  const timeline = buildTimeline(status, history);
  const parts = [];

  parts.push(el('dl', { class: 'facts' },
    el('dt', {}, 'name'), el('dd', { id: 'instance-name' }, status.name),
    el('dt', {}, 'status'), el('dd', { id: 'instance-status' }, statusBadge(status.runtimeStatus)),
    el('dt', {}, 'created'), el('dd', {}, formatTime(status.createdTime)),
    el('dt', {}, 'last updated'), el('dd', {}, formatTime(status.lastUpdatedTime)),
    status.waitingForWorker ? [el('dt', {}, 'waiting for worker'), el('dd', {}, status.waitingForWorker)] : null));

  parts.push(drawActions(status, reload));

  if (timeline.compensated) {
    parts.push(el('div', { class: 'banner', id: 'compensation-banner' }, timeline.compensated));
  }

  for (const approval of approvals) {
    parts.push(el('h2', {}, 'Waiting for approval'), approvalCard(approval, () => { refreshApprovalCount(); reload(); }));
  }

  const failure = history.find((e) => e.EventType === 'ExecutionCompleted' && e.FailureDetails);
  parts.push(el('div', { class: 'grid' },
    el('div', {}, el('h2', {}, 'Input'), el('pre', { id: 'instance-input' }, json(status.input))),
    el('div', {}, el('h2', {}, status.runtimeStatus === 'Failed' ? 'Failure' : 'Output'), el('pre', { id: 'instance-output' }, json(status.output))),
    el('div', {}, el('h2', {}, 'Custom status'), el('pre', { id: 'instance-custom-status' }, json(status.customStatus)))));
  if (failure) {
    parts.push(el('h2', {}, 'Failure details'), el('pre', { id: 'failure-details' }, json(failure.FailureDetails)));
  }

  parts.push(el('h2', {}, 'Agent calls'), drawAgentCalls(timeline));
  parts.push(el('h2', {}, 'Timeline'), drawTimeline(timeline));
  return parts;
}

function drawActions(status, reload) {
  const id = status.instanceId;
  const finished = terminal.has(status.runtimeStatus);
  const control = async (verb, method, path, after) => {
    if (!confirm(`${verb} ${id}?`)) {
      return;
    }
    try {
      const response = await api(path, { method });
      showMessage(null);
      await after(response);
    } catch (error) {
      reportError(error);
    }
  };
  const reason = encodeURIComponent('from the dashboard');
  return el('div', { class: 'actions' },
    el('button', { type: 'button', id: 'action-terminate', class: 'danger', disabled: finished,
      onclick: () => control('Terminate', 'POST', `${instancePath(id)}/terminate?reason=${reason}`, reload) }, 'Terminate'),
    el('button', { type: 'button', id: 'action-suspend', disabled: status.runtimeStatus !== 'Running' && status.runtimeStatus !== 'Pending',
      onclick: () => control('Suspend', 'POST', `${instancePath(id)}/suspend?reason=${reason}`, reload) }, 'Suspend'),
    el('button', { type: 'button', id: 'action-resume', disabled: status.runtimeStatus !== 'Suspended',
      onclick: () => control('Resume', 'POST', `${instancePath(id)}/resume?reason=${reason}`, reload) }, 'Resume'),
    el('button', { type: 'button', id: 'action-restart',
      onclick: () => control('Restart', 'POST', `${instancePath(id)}/restart`, async (response) => {
        const started = await readJson(response);
        const target = `#/instances/${encodeURIComponent(started && started.id ? started.id : id)}`;
        if (location.hash === target) {
          // Restarted under the same id: no hashchange, and a finished instance's page no longer refreshes.
          route();
        } else {
          location.hash = target;
        }
      }) }, 'Restart'),
    el('button', { type: 'button', id: 'action-purge', class: 'danger', disabled: !finished,
      onclick: () => control('Purge', 'DELETE', instancePath(id), () => { location.hash = '#/'; }) }, 'Purge'));
}

// ---------- timeline ----------

// Turns the Durable Functions style history (TaskScheduled folded into its completion) into rows with a start, an
// end and a kind. Approvals are the timeout timer WaitForApprovalAsync creates plus the approval:{name} event that
// answers it; retries are repeated calls with the same name and input after a failure; compensations are the calls
// CompensationScope makes, read from the workflow's published status ({"phase":"compensating","total":n}: the last n
// distinct calls) or from its output's compensation report.
function buildTimeline(status, history) {
  const started = history.find((e) => e.EventType === 'ExecutionStarted');
  const start = Date.parse(started ? started.Timestamp : status.createdTime);
  const ended = history.find((e) => ['ExecutionCompleted', 'ExecutionTerminated'].includes(e.EventType));
  const finished = terminal.has(status.runtimeStatus);
  const now = finished ? Date.parse(ended ? ended.Timestamp : status.lastUpdatedTime) : Date.now();
  const rows = [];
  const timers = [];

  for (const e of history) {
    const at = Date.parse(e.Timestamp);
    switch (e.EventType) {
      case 'TaskCompleted':
      case 'TaskFailed':
      case 'TaskScheduled': {
        const name = e.FunctionName || e.Name;
        const open = e.EventType === 'TaskScheduled';
        const row = { kind: 'activity', name, input: e.Input, start: open ? at : Date.parse(e.ScheduledTime), end: open ? null : at,
          failed: e.EventType === 'TaskFailed', result: e.Result, reason: e.Reason };
        if (name === 'InvokeAgent') {
          row.kind = 'agent';
          row.agent = (e.Result && e.Result.agentName) || (e.Input && e.Input.agentName) || '?';
        }
        rows.push(row);
        break;
      }
      case 'SubOrchestrationInstanceCompleted':
      case 'SubOrchestrationInstanceFailed':
      case 'SubOrchestrationInstanceCreated': {
        const open = e.EventType === 'SubOrchestrationInstanceCreated';
        rows.push({ kind: 'suborchestration', name: e.FunctionName || e.Name, child: e.InstanceId, input: e.Input,
          start: open ? at : Date.parse(e.ScheduledTime), end: open ? null : at, failed: e.EventType.endsWith('Failed'), reason: e.Reason });
        break;
      }
      case 'TimerCreated': {
        const timer = { kind: 'timer', name: 'timer', fireAt: e.FireAt, start: at, end: null };
        timers.push(timer);
        rows.push(timer);
        break;
      }
      case 'TimerFired': {
        const timer = timers.find((t) => t.end === null && t.fireAt === e.FireAt && !t.approval);
        if (timer) {
          timer.end = at;
        }
        break;
      }
      case 'EventRaised': {
        if (typeof e.Name === 'string' && e.Name.startsWith('approval:')) {
          const name = e.Name.slice('approval:'.length);
          const wait = [...timers].reverse().find((t) => t.end === null && !t.approval && t.start <= at);
          const decision = e.Input || {};
          const outcome = decision.approved === true ? 'approved' : decision.approved === false ? 'rejected' : 'answered';
          const label = `${outcome}${decision.approver ? ' by ' + decision.approver : ''}`;
          if (wait) {
            Object.assign(wait, { kind: 'approval', name, approval: true, end: at, detail: label });
          } else {
            rows.push({ kind: 'approval', name, approval: true, start: at, end: at, detail: label });
          }
        } else {
          rows.push({ kind: 'event', name: e.Name, start: at, end: at, input: e.Input });
        }
        break;
      }
      case 'EventSent':
        rows.push({ kind: 'event', name: `sent ${e.Name} to ${e.InstanceId}`, start: at, end: at });
        break;
      case 'ExecutionSuspended':
      case 'ExecutionResumed':
      case 'ExecutionTerminated':
        rows.push({ kind: 'marker', name: e.EventType.replace('Execution', '').toLowerCase(), start: at, end: at, detail: e.Reason });
        break;
      default:
        break;
    }
  }

  // The approval being waited for now: its timeout timer is still open.
  const waiting = status.customStatus && status.customStatus.waitingForApproval;
  if (waiting && !finished) {
    const wait = [...timers].reverse().find((t) => t.end === null && !t.approval);
    if (wait) {
      Object.assign(wait, { kind: 'approval', name: waiting.name, approval: true, detail: 'waiting' });
    }
  }

  // A timer that never fired and was not an approval's was cancelled, or is still pending.
  for (const timer of timers) {
    if (timer.end === null && !timer.approval && finished) {
      timer.end = timer.start;
      timer.detail = 'cancelled';
    }
  }

  markRetries(rows);
  const compensated = markCompensations(status, rows);
  for (const row of rows) {
    row.open = row.end === null;
    row.end = row.end === null ? now : row.end;
  }
  rows.sort((a, b) => a.start - b.start);
  const agents = rows.filter((r) => r.kind === 'agent' && r.result && typeof r.result === 'object');
  return { start, end: Math.max(now, ...rows.map((r) => r.end)), rows, agents, compensated };
}

function callKey(row) {
  return `${row.name}\u0000${JSON.stringify(row.input)}`;
}

function markRetries(rows) {
  const failures = new Map();
  for (const row of rows.filter((r) => r.kind === 'activity' || r.kind === 'agent' || r.kind === 'suborchestration')) {
    const key = callKey(row);
    const earlier = failures.get(key) || 0;
    if (earlier > 0) {
      row.attempt = earlier + 1;
    }
    if (row.failed) {
      failures.set(key, earlier + 1);
    }
  }
}

function markCompensations(status, rows) {
  const calls = rows.filter((r) => r.kind === 'activity');
  const custom = status.customStatus;
  const report = status.output && typeof status.output === 'object' && status.output.compensation;
  if (custom && custom.phase === 'compensating' && Number.isInteger(custom.total) && custom.total > 0) {
    const keys = new Set();
    for (let i = calls.length - 1; i >= 0 && (keys.size < custom.total || keys.has(callKey(calls[i]))); i--) {
      keys.add(callKey(calls[i]));
      calls[i].compensation = true;
    }
    return `The workflow failed and ran ${custom.total} compensation(s) to undo its side effects; they are marked in the timeline.`;
  }
  if (report && Array.isArray(report.steps) && report.steps.length > 0) {
    const names = new Set(report.steps.map((s) => s.activity));
    let remaining = report.steps.length;
    for (let i = calls.length - 1; i >= 0 && remaining > 0; i--) {
      if (names.has(calls[i].name)) {
        calls[i].compensation = true;
        if (!calls[i].failed) {
          remaining--;
        }
      }
    }
    return `The workflow compensated its side effects: ${report.steps.map((s) => `${s.description}: ${s.succeeded ? 'done' : 'FAILED'}`).join('; ')}.`;
  }
  return null;
}

function rowLabel(row) {
  const parts = [];
  if (row.kind === 'agent') {
    parts.push(`agent ${row.agent}`);
  } else if (row.kind === 'approval') {
    parts.push(`approval ${row.name}`);
  } else if (row.kind === 'suborchestration') {
    parts.push(`sub-orchestration ${row.name}`);
  } else {
    parts.push(row.name);
  }
  if (row.detail) {
    parts.push(`(${row.detail})`);
  }
  return parts.join(' ');
}

function drawTimeline(timeline) {
  const span = Math.max(timeline.end - timeline.start, 1);
  const container = el('div', { class: 'timeline', id: 'timeline' });
  container.append(el('div', { class: 'axis' }, el('div', { class: 'label' }, 'call'),
    el('div', { class: 'track' }, el('span', {}, '0'), el('span', {}, formatDuration(span / 2)), el('span', {}, formatDuration(span)))));
  for (const row of timeline.rows) {
    const left = ((row.start - timeline.start) / span) * 100;
    const width = ((row.end - row.start) / span) * 100;
    const duration = row.end - row.start;
    const classes = ['bar', row.kind, row.failed ? 'failed' : '', row.compensation ? 'compensation' : '', row.open ? 'open' : ''].join(' ').trim();
    const tokens = row.kind === 'agent' && row.result && typeof row.result === 'object'
      ? `${row.result.inputTokens}+${row.result.outputTokens} tokens, ${formatCost(row.result.cost)}` : '';
    const title = `${rowLabel(row)}: ${formatDuration(duration)}${row.open ? ' so far' : ''}${tokens ? ', ' + tokens : ''}${row.reason ? '\n' + row.reason : ''}`;
    container.append(el('div', { class: 'row', 'data-kind': row.kind },
      el('div', { class: 'label', title },
        rowLabel(row),
        row.attempt ? el('span', { class: 'tag retry' }, `attempt ${row.attempt}`) : null,
        row.compensation ? el('span', { class: 'tag compensation' }, 'compensation') : null,
        row.failed ? el('span', { class: 'tag failed' }, 'failed') : null,
        tokens ? el('span', { class: 'tag tokens' }, tokens) : null,
        ' ', el('span', { class: 'duration' }, row.kind === 'event' || row.kind === 'marker' ? '' : formatDuration(duration) + (row.open ? ' so far' : ''))),
      el('div', { class: 'track' }, el('div', {
        class: classes,
        title,
        style: { left: `${left.toFixed(3)}%`, width: `${Math.max(width, 0).toFixed(3)}%` },
        'data-agent': row.agent,
        'data-tokens': row.kind === 'agent' && row.result ? String((row.result.inputTokens || 0) + (row.result.outputTokens || 0)) : null,
      }))));
  }
  return container;
}

function drawAgentCalls(timeline) {
  if (timeline.agents.length === 0) {
    return el('p', { id: 'agent-calls' }, 'No agent calls.');
  }
  const total = timeline.agents.reduce((sum, r) => ({
    input: sum.input + (r.result.inputTokens || 0),
    output: sum.output + (r.result.outputTokens || 0),
    cost: sum.cost + (r.result.cost || 0),
  }), { input: 0, output: 0, cost: 0 });
  return el('table', { id: 'agent-calls' },
    el('thead', {}, el('tr', {}, el('th', {}, 'agent'), el('th', {}, 'model'), el('th', { class: 'num' }, 'input tokens'),
      el('th', { class: 'num' }, 'output tokens'), el('th', { class: 'num' }, 'cost'), el('th', { class: 'num' }, 'latency'), el('th', {}, ''))),
    el('tbody', {}, timeline.agents.map((r) => el('tr', { class: 'agent-call' },
      el('td', {}, r.agent), el('td', {}, r.result.model || ''), el('td', { class: 'num' }, String(r.result.inputTokens ?? '')),
      el('td', { class: 'num' }, String(r.result.outputTokens ?? '')), el('td', { class: 'num' }, formatCost(r.result.cost)),
      el('td', { class: 'num' }, formatDuration(r.result.latencyMilliseconds)), el('td', {}, r.result.overBudget ? 'over budget' : '')))),
    el('tfoot', {}, el('tr', { id: 'agent-totals' }, el('th', {}, `total (${timeline.agents.length} calls)`), el('th', {}, ''),
      el('th', { class: 'num' }, String(total.input)), el('th', { class: 'num' }, String(total.output)),
      el('th', { class: 'num' }, formatCost(total.cost)), el('th', {}, ''), el('th', {}, ''))));
}
