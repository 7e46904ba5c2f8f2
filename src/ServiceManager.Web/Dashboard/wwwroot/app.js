"use strict";
// The svcmgr dashboard: the instances table kept live over /ws, actions through /api, one instance's log followed
// over /ws/logs/{name}. Plain JavaScript, no build step, nothing loaded from elsewhere (docs/web.md).

const HISTORY = 60;          // sparkline points kept per instance (one per metrics cycle)
const LOG_LINES = 1000;      // lines kept in the log pane
const RETRY_MAX_MS = 5000;   // reconnect back-off ceiling

const instances = new Map(); // id -> { summary, uptimeBase, uptimeAt, cpu: [], mem: [], row }
let selected = null;         // id whose log the pane follows
let socket = null;
let retryMs = 500;
let logSocket = null;
let logGeneration = 0;

const $ = (id) => document.getElementById(id);
const rowsEl = $("rows");

// ---- figures, as svcmgr prints them (docs/cli.md#figures) ----
function bytes(n) {
  if (n == null) return "-";
  const units = ["B", "K", "M", "G", "T"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return i === 0 ? `${n}B` : `${n < 99.95 ? n.toFixed(1) : n.toFixed(0)}${units[i]}`;
}
function percent(p) { return p == null ? "-" : `${p < 99.95 ? p.toFixed(1) : p.toFixed(0)}%`; }
function duration(ms) {
  if (ms == null) return "-";
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${String(m % 60).padStart(2, "0")}m`;
  return `${Math.floor(h / 24)}d${String(h % 24).padStart(2, "0")}h`;
}
function time(iso) { return iso ? iso.substring(11, 23) : ""; }

// ---- HTTP ----
async function api(method, path) {
  const response = await fetch(path, {
    method,
    headers: method === "GET" ? {} : { "Content-Type": "application/json" },
    credentials: "same-origin",
  });
  if (response.status === 401) { location.href = "/login"; throw new Error("signed out"); }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body;
}

function notice(text, isError) {
  const el = $("notice");
  el.textContent = text;
  el.className = isError ? "notice error" : "notice";
  el.hidden = !text;
}

// ---- connection ----
function setConnection(state) {
  const pill = $("connection");
  pill.textContent = state === "live" ? "live" : state === "down" ? "offline" : "connecting…";
  pill.className = "pill " + (state === "live" ? "live" : state === "down" ? "down" : "");
  $("banner").hidden = state !== "down";
}

function connect() {
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
  let opened = false;
  socket = new WebSocket(url);
  socket.onopen = async () => {
    opened = true;
    retryMs = 500;
    try {
      await loadAll();
      setConnection("live");
      if (selected) followLogs(selected);
    } catch (e) {
      // The daemon went away between the handshake and the list: the socket closes soon and we retry.
      setConnection("down");
    }
  };
  socket.onmessage = (message) => onEvent(JSON.parse(message.data));
  socket.onclose = (e) => {
    socket = null;
    setConnection("down");
    $("banner").textContent = "daemon not reachable — retrying" + (opened && e.reason ? ` (${e.reason})` : "");
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };
}

// ---- the table ----
async function loadAll() {
  const list = await api("GET", "/api/instances");
  const seen = new Set();
  for (const summary of list) { seen.add(summary.id); upsert(summary); }
  for (const id of [...instances.keys()]) if (!seen.has(id)) removeRow(id);
  order(list.map((s) => s.id));
  render();
}

async function reloadOne(id) {
  try {
    upsert(await api("GET", `/api/instances/${encodeURIComponent(id)}`));
    render();
  } catch (e) {
    if (/no such instance/i.test(e.message)) { removeRow(id); render(); }
  }
}

function upsert(summary) {
  let item = instances.get(summary.id);
  if (!item) {
    item = { cpu: [], mem: [], row: makeRow(summary.id) };
    instances.set(summary.id, item);
    rowsEl.appendChild(item.row);
  }
  item.summary = summary;
  item.uptimeBase = summary.uptimeMs;
  item.uptimeAt = Date.now();
  fill(item);
}

function removeRow(id) {
  const item = instances.get(id);
  if (!item) return;
  item.row.remove();
  instances.delete(id);
  if (selected === id) closeLogs();
}

function order(ids) {
  for (const id of ids) { const item = instances.get(id); if (item) rowsEl.appendChild(item.row); }
}

function cell(row, field, label, className) {
  const td = document.createElement("td");
  td.dataset.field = field;
  td.dataset.label = label;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function button(text, action, id) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.dataset.action = action;
  b.setAttribute("aria-label", `${text} ${id}`);
  b.addEventListener("click", (e) => { e.stopPropagation(); act(id, action, b); });
  return b;
}

function makeRow(id) {
  const row = document.createElement("tr");
  row.dataset.instance = id;
  row.tabIndex = 0;
  const name = cell(row, "name", "Name", "name");
  name.append(document.createTextNode(id));
  const template = document.createElement("span");
  template.className = "template";
  name.append(template);
  cell(row, "state", "State");
  cell(row, "health", "Health");
  cell(row, "pid", "PID", "num");
  cell(row, "port", "Port", "num");
  cell(row, "cpu", "CPU").append(metric("cpu"));
  cell(row, "memory", "Memory").append(metric("mem"));
  cell(row, "uptime", "Uptime", "num");
  cell(row, "restarts", "Restarts", "num");
  const actions = cell(row, "actions", "", "actions");
  actions.append(button("Start", "start", id), button("Stop", "stop", id), button("Restart", "restart", id));
  row.addEventListener("click", () => select(id));
  row.addEventListener("keydown", (e) => rowKey(e, id, row));
  return row;
}

function metric(kind) {
  const wrap = document.createElement("span");
  wrap.className = "metric";
  const value = document.createElement("span");
  value.className = "value";
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", `spark ${kind}`);
  svg.setAttribute("viewBox", `0 0 ${HISTORY} 18`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("aria-hidden", "true");
  svg.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "polyline"));
  wrap.append(value, svg);
  return wrap;
}

function sparkline(svg, values) {
  const max = Math.max(1e-9, ...values);
  const start = HISTORY - values.length;
  const points = values.map((v, i) => `${start + i},${(17 - (v / max) * 16).toFixed(1)}`).join(" ");
  svg.firstChild.setAttribute("points", points);
}

function set(row, field, text, className) {
  const td = row.querySelector(`[data-field="${field}"]`);
  if (td.firstChild?.nodeType === Node.TEXT_NODE && td.childNodes.length === 1) td.firstChild.nodeValue = text;
  else td.textContent = text;
  if (className !== undefined) td.className = className;
}

function uptimeOf(item) {
  const s = item.summary;
  if (s.state !== "running" || item.uptimeBase == null) return null;
  return item.uptimeBase + (Date.now() - item.uptimeAt);
}

function fill(item) {
  const s = item.summary, row = item.row;
  row.querySelector(".template").textContent = s.template ?? "";
  set(row, "state", s.state, `state-${s.state}`);
  set(row, "health", s.health, `health-${s.health}`);
  set(row, "pid", s.pid ?? "-", "num");
  set(row, "port", s.port ?? "-", "num");
  row.querySelector('[data-field="cpu"] .value').textContent = percent(s.cpuPercent);
  row.querySelector('[data-field="memory"] .value').textContent = bytes(s.memoryBytes);
  sparkline(row.querySelector('[data-field="cpu"] svg'), item.cpu);
  sparkline(row.querySelector('[data-field="memory"] svg'), item.mem);
  set(row, "uptime", duration(uptimeOf(item)), "num");
  set(row, "restarts", String(s.restarts), "num");
  const running = s.state === "running" || s.state === "starting";
  row.querySelector('[data-action="start"]').disabled = running;
  row.querySelector('[data-action="stop"]').disabled = s.state === "stopped" || s.state === "failed";
}

function render() {
  const filter = $("filter").value.trim().toLowerCase();
  let shown = 0, running = 0;
  for (const [id, item] of instances) {
    const s = item.summary;
    const text = [id, s.template ?? "", s.state, s.health, ...(s.tags ?? []), s.port ?? ""].join(" ").toLowerCase();
    const visible = !filter || text.includes(filter);
    item.row.hidden = !visible;
    if (visible) shown++;
    if (s.state === "running") running++;
    item.row.classList.toggle("selected", id === selected);
  }
  $("empty").hidden = shown > 0;
  $("empty").textContent = instances.size === 0 ? "No instances." : "No instance matches the filter.";
  $("counts").textContent = `${instances.size} instances, ${running} running`;
}

// ---- events ----
function onEvent(e) {
  const item = instances.get(e.instance_id);
  switch (e.type) {
    case "status_changed":
      if (!item) { loadAll().catch(() => {}); return; }
      item.summary = { ...item.summary, state: e.status, pid: e.pid ?? null };
      if (e.status === "running") { item.uptimeBase = 0; item.uptimeAt = Date.now(); }
      if (e.status !== "running") { item.summary.cpuPercent = null; item.summary.memoryBytes = null; }
      fill(item);
      render();
      if (e.stderr_tail && (e.status === "restarting" || e.status === "failed")) {
        const why = e.signal ?? `exit code ${e.exit_code}`;
        const last = e.stderr_tail.length ? `: ${e.stderr_tail[e.stderr_tail.length - 1]}` : "";
        notice(`${e.instance_id} crashed (${why})${last}`, true);
      }
      if (selected === e.instance_id) $("logs-state").textContent = e.status;
      // Restarts, uptime and port are not in the event: fetch the row once it settles.
      reloadOne(e.instance_id);
      return;
    case "health_changed":
      if (!item) return;
      item.summary = { ...item.summary, health: e.health ?? (e.healthy ? "healthy" : "unhealthy") };
      fill(item);
      return;
    case "metrics_updated":
      if (!item) return;
      item.summary = { ...item.summary, cpuPercent: e.cpu, memoryBytes: e.memory_bytes ?? Math.round(e.memory_mb * 1048576) };
      item.cpu.push(e.cpu ?? 0);
      item.mem.push(item.summary.memoryBytes);
      if (item.cpu.length > HISTORY) item.cpu.shift();
      if (item.mem.length > HISTORY) item.mem.shift();
      fill(item);
      return;
    case "config_reloaded":
      loadAll().catch(() => {});
      return;
  }
}

// ---- actions ----
async function act(id, action, btn) {
  if (btn) btn.disabled = true;
  try {
    const result = await api("POST", `/api/instances/${encodeURIComponent(id)}/${action}`);
    const warning = result.warnings?.[0]?.message;
    notice(warning ? `${id}: ${warning}` : "", !!warning);
  } catch (e) {
    notice(`${action} ${id}: ${e.message}`, true);
  } finally {
    const item = instances.get(id);
    if (item) fill(item);
  }
}

// ---- logs ----
function select(id) {
  selected = id;
  render();
  followLogs(id);
}

function followLogs(id) {
  logGeneration++;
  const generation = logGeneration;
  if (logSocket) { logSocket.onclose = null; logSocket.close(); logSocket = null; }
  $("logs").hidden = false;
  $("logs-name").textContent = id;
  $("logs-state").textContent = instances.get(id)?.summary.state ?? "";
  const pre = $("logs-lines");
  pre.textContent = "";
  const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/logs/${encodeURIComponent(id)}?lines=100`);
  logSocket = ws;
  ws.onmessage = (message) => appendLine(JSON.parse(message.data));
  ws.onclose = (e) => {
    if (generation !== logGeneration) return;
    logSocket = null;
    appendNote(`log stream closed${e.reason ? `: ${e.reason}` : ""}; reconnecting…`);
    // Back when the daemon is: the events socket's reconnect calls followLogs again; until then, retry here too.
    setTimeout(() => { if (generation === logGeneration && selected === id && socket?.readyState === WebSocket.OPEN) followLogs(id); }, 2000);
  };
}

function appendLine(line) {
  const pre = $("logs-lines");
  const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
  const div = document.createElement("div");
  div.className = `line ${line.stream}`;
  const at = document.createElement("span");
  at.className = "at";
  at.textContent = time(line.at) + " ";
  div.append(at, document.createTextNode(line.text));
  pre.appendChild(div);
  while (pre.childNodes.length > LOG_LINES) pre.removeChild(pre.firstChild);
  if (atBottom) pre.scrollTop = pre.scrollHeight;
}

function appendNote(text) {
  const div = document.createElement("div");
  div.className = "line note";
  div.textContent = text;
  $("logs-lines").appendChild(div);
}

function closeLogs() {
  logGeneration++;
  if (logSocket) { logSocket.onclose = null; logSocket.close(); logSocket = null; }
  $("logs").hidden = true;
  const was = selected;
  selected = null;
  render();
  if (was) instances.get(was)?.row.focus();
}

// ---- keyboard ----
function visibleRows() { return [...rowsEl.children].filter((r) => !r.hidden); }

function rowKey(e, id, row) {
  if (e.target !== row) return;
  const rows = visibleRows();
  const i = rows.indexOf(row);
  switch (e.key) {
    case "ArrowDown": rows[Math.min(i + 1, rows.length - 1)]?.focus(); break;
    case "ArrowUp": rows[Math.max(i - 1, 0)]?.focus(); break;
    case "Enter": select(id); break;
    case "s": act(id, "start"); break;
    case "x": act(id, "stop"); break;
    case "r": act(id, "restart"); break;
    default: return;
  }
  e.preventDefault();
}

document.addEventListener("keydown", (e) => {
  const typing = e.target instanceof HTMLInputElement;
  if (e.key === "/" && !typing) { e.preventDefault(); $("filter").focus(); }
  else if (e.key === "Escape") {
    if (typing && $("filter").value) { $("filter").value = ""; render(); }
    else if (selected) closeLogs();
  }
});

$("filter").addEventListener("input", render);
$("logs-close").addEventListener("click", closeLogs);
// Uptimes count on between events.
setInterval(() => { for (const item of instances.values()) if (item.summary.state === "running") set(item.row, "uptime", duration(uptimeOf(item)), "num"); }, 1000);

connect();
