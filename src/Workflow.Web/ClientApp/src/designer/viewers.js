// Read-only diagrams: a version (and the visual diff of two versions), the operations view of a version (counts and
// the heatmap of time spent per element) and the instance viewer (completed path, current elements, incidents).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { BpmnModdle } from 'bpmn-moddle';
import { diff } from 'bpmn-js-differ';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { TranslateModule } from './i18n';
import { api, escapeHtml, formatDuration } from './common';

/**
 * Dates and times as the rest of the product prints them: Vietnam time, dd/MM/yyyy HH:mm:ss. The server sends UTC
 * times without a zone ("2026-12-04T16:24:22"): they are read as UTC, not as the browser's local time.
 */
const vietnamParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
const vietnamTime = {
  format(value) {
    const text = String(value);
    const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
    const p = Object.fromEntries(vietnamParts.formatToParts(date).map((x) => [x.type, x.value]));
    return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
  },
};

async function viewer(container, xml) {
  const v = new NavigatedViewer({ container, additionalModules: [TranslateModule], moddleExtensions: { camunda: camundaModdle } });
  await v.importXML(xml);
  v.get('canvas').zoom('fit-viewport', 'auto');
  return v;
}

const nameOf = (v, id) => v.get('elementRegistry').get(id)?.businessObject?.name || id;

// ---- versions and diff --------------------------------------------------------------------------------------------

export async function startVersions(root) {
  const key = root.dataset.key;
  const version = Number(root.dataset.version);
  const compare = root.dataset.compare ? Number(root.dataset.compare) : null;
  const load = async (v) => (await api(`/api/admin/processes/${encodeURIComponent(key)}/versions/${v}`, undefined, 'GET')).xml;
  if (!compare) {
    window.versionViewer = await viewer(root.querySelector('[data-canvas="right"]'), await load(version));
    return;
  }

  const [oldXml, newXml] = await Promise.all([load(compare), load(version)]);
  const [left, right] = await Promise.all([viewer(root.querySelector('[data-canvas="left"]'), oldXml), viewer(root.querySelector('[data-canvas="right"]'), newXml)]);
  const moddle = new BpmnModdle({ camunda: camundaModdle });
  const [{ rootElement: a }, { rootElement: b }] = await Promise.all([moddle.fromXML(oldXml), moddle.fromXML(newXml)]);
  const changes = diff(a, b);
  const list = root.querySelector('[data-testid="diff-list"]');
  const mark = (v, id, cls) => {
    if (v.get('elementRegistry').get(id)) v.get('canvas').addMarker(id, cls);
  };
  const rows = [];
  for (const id of Object.keys(changes._added)) {
    mark(right, id, 'diff-added');
    rows.push({ kind: 'added', id, name: nameOf(right, id), text: root.dataset.textAdded });
  }
  for (const id of Object.keys(changes._removed)) {
    mark(left, id, 'diff-removed');
    rows.push({ kind: 'removed', id, name: nameOf(left, id), text: root.dataset.textRemoved });
  }
  for (const [id, change] of Object.entries(changes._changed)) {
    mark(left, id, 'diff-changed');
    mark(right, id, 'diff-changed');
    // bpmn-js-differ 3 passes jsondiffpatch's [old, new] pair to its handler as (newValue, oldValue): its "newValue"
    // is the value in the first (older) model.
    const attrs = Object.entries(change.attrs ?? {}).map(([name, c]) => `${name}: ${JSON.stringify(c.newValue ?? '')} → ${JSON.stringify(c.oldValue ?? '')}`).join('; ');
    rows.push({ kind: 'changed', id, name: nameOf(right, id), text: `${root.dataset.textChanged}${attrs ? ` (${attrs})` : ''}` });
  }
  for (const id of Object.keys(changes._layoutChanged)) {
    if (!changes._changed[id] && !changes._added[id]) {
      mark(right, id, 'diff-layout');
      rows.push({ kind: 'layout', id, name: nameOf(right, id), text: root.dataset.textLayout });
    }
  }
  list.innerHTML = rows.length === 0
    ? `<li class="list-group-item small text-secondary">${escapeHtml(root.dataset.textSame)}</li>`
    : rows.map((r) => `<li class="list-group-item small py-1" data-kind="${r.kind}" data-element-id="${escapeHtml(r.id)}"><span class="diff-swatch diff-${r.kind}" aria-hidden="true"></span> <strong>${escapeHtml(r.name)}</strong>: ${escapeHtml(r.text)}</li>`).join('');
  // Moving or zooming one diagram moves the other: the two stay comparable.
  let syncing = false;
  const sync = (from, to) => from.on('canvas.viewbox.changed', ({ viewbox }) => {
    if (syncing) return;
    syncing = true;
    to.get('canvas').viewbox(viewbox);
    syncing = false;
  });
  sync(left, right);
  sync(right, left);
  window.diffViewers = { left, right, changes };
}

// ---- operations: counts and heatmap -------------------------------------------------------------------------------

export async function startOperations(root) {
  const id = root.dataset.definitionId;
  const [definition, stats] = await Promise.all([
    api(`/api/admin/process-definitions/${encodeURIComponent(id)}`, undefined, 'GET'),
    api(`/api/admin/process-definitions/${encodeURIComponent(id)}/statistics`, undefined, 'GET'),
  ]);
  const v = await viewer(root.querySelector('[data-canvas]'), definition.xml);
  const canvas = v.get('canvas');
  const overlays = v.get('overlays');
  const registry = v.get('elementRegistry');
  for (const s of stats) {
    if (!registry.get(s.elementId)) continue;
    if (s.active > 0) {
      overlays.add(s.elementId, 'count', {
        position: { bottom: 10, left: -10 },
        html: `<span class="count-badge active" data-testid="active-count" data-element-id="${escapeHtml(s.elementId)}" title="${escapeHtml(root.dataset.textActive)}">${s.active}</span>`,
      });
    }
    if (s.incidents > 0) {
      overlays.add(s.elementId, 'count', {
        position: { bottom: 10, right: 10 },
        html: `<span class="count-badge incident" data-testid="incident-count" data-element-id="${escapeHtml(s.elementId)}" title="${escapeHtml(root.dataset.textIncidents)}">${s.incidents}</span>`,
      });
    }
  }

  const metric = () => root.querySelector('[name="heat-metric"]:checked')?.value ?? 'averageMs';
  const paint = () => {
    const field = metric();
    const values = stats.filter((s) => s[field] !== null && registry.get(s.elementId));
    const max = Math.max(1, ...values.map((s) => s[field]));
    for (const s of stats) {
      for (let level = 1; level <= 5; level++) if (registry.get(s.elementId)) canvas.removeMarker(s.elementId, `heat-${level}`);
    }
    if (!root.querySelector('[data-heatmap]').checked) return;
    for (const s of values) {
      canvas.addMarker(s.elementId, `heat-${Math.max(1, Math.ceil((s[field] / max) * 5))}`);
    }
  };
  root.querySelectorAll('[name="heat-metric"], [data-heatmap]').forEach((input) => input.addEventListener('change', paint));
  paint();

  const table = root.querySelector('[data-testid="element-stats"] tbody');
  table.innerHTML = stats.length === 0
    ? `<tr><td colspan="6" class="text-secondary">${escapeHtml(root.dataset.textEmpty)}</td></tr>`
    : stats.map((s) => `<tr data-element-id="${escapeHtml(s.elementId)}"><td>${escapeHtml(nameOf(v, s.elementId))}</td><td class="text-end">${s.active}</td>`
      + `<td class="text-end">${s.incidents}</td><td class="text-end">${s.completed}</td><td class="text-end">${formatDuration(s.averageMs)}</td>`
      + `<td class="text-end">${formatDuration(s.p90Ms)}</td></tr>`).join('');
  window.operationsViewer = v;
}

// ---- one instance -------------------------------------------------------------------------------------------------

export async function startInstance(root) {
  const id = root.dataset.instanceId;
  const status = root.querySelector('[data-status]');
  const say = (text, tone = 'secondary') => {
    status.className = `small text-${tone}`;
    status.textContent = text;
  };
  const instance = await api(`/api/admin/instances/${id}`, undefined, 'GET');
  const definition = await api(`/api/admin/process-definitions/${encodeURIComponent(instance.definitionId)}`, undefined, 'GET');
  const v = await viewer(root.querySelector('[data-canvas]'), definition.xml);
  const canvas = v.get('canvas');
  const registry = v.get('elementRegistry');
  for (const element of instance.completed) if (registry.get(element)) canvas.addMarker(element, 'done');
  // The path taken: a gateway's journal line names the flows it took; any other element that completed took all its
  // outgoing flows. A gateway completed before flows were recorded falls back to "its target was reached".
  const reached = new Set([...instance.completed, ...instance.current]);
  const decided = new Set(instance.decided ?? []);
  const taken = new Set(instance.taken ?? []);
  const isGateway = (element) => /Gateway$/.test(element?.type ?? '');
  for (const flow of registry.filter((e) => e.type === 'bpmn:SequenceFlow')) {
    const source = flow.source?.id;
    if (!instance.completed.includes(source)) continue;
    const wasTaken = decided.has(source) ? taken.has(flow.id)
      : isGateway(flow.source) ? reached.has(flow.target?.id)
        : true;
    if (wasTaken) canvas.addMarker(flow.id, 'done-flow');
  }
  for (const element of instance.current) if (registry.get(element)) canvas.addMarker(element, 'current');
  for (const incident of instance.incidents) {
    if (registry.get(incident.elementId)) {
      canvas.addMarker(incident.elementId, 'incident');
    }
  }

  const tree = (nodes) => (nodes.length === 0 ? '' : `<ul class="mb-0">${nodes.map((n) => `<li data-element-id="${escapeHtml(n.elementId)}">${escapeHtml(nameOf(v, n.elementId))} <code class="small">${escapeHtml(n.elementId)}</code>${n.multiInstance ? ' ⧉' : ''}${tree(n.children)}</li>`).join('')}</ul>`);
  root.querySelector('[data-testid="activity-tree"]').innerHTML = tree(instance.tree) || `<p class="text-secondary small mb-0">${escapeHtml(root.dataset.textNoActivity)}</p>`;

  const variables = root.querySelector('[data-testid="variables"] tbody');
  const entries = Object.entries(instance.variables);
  variables.innerHTML = entries.length === 0
    ? `<tr><td colspan="3" class="text-secondary">${escapeHtml(root.dataset.textNoVariables)}</td></tr>`
    : entries.map(([name, value]) => `<tr><td><code>${escapeHtml(name)}</code></td><td>${escapeHtml(value.type)}</td><td class="text-break">${escapeHtml(typeof value.value === 'string' ? value.value : JSON.stringify(value.value))}</td></tr>`).join('');

  // Times in Vietnam time like every other page; values as text (the stored JSON escapes "ô" as "\u00F4"); events named.
  const events = JSON.parse(root.dataset.journalEvents ?? '{}');
  const readable = (detail) => {
    if (!detail) return '';
    if (detail.startsWith('→ ')) {
      // A flow by its name, else by where it leads ("→ Ban Tổ chức thẩm định, Ủy ban Kiểm tra cho ý kiến").
      const flowLabel = (id) => {
        const flow = v.get('elementRegistry').get(id);
        return flow?.businessObject?.name || (flow?.target ? nameOf(v, flow.target.id) : id);
      };
      return `→ ${detail.slice(2).split(', ').map(flowLabel).join(', ')}`;
    }
    try { return JSON.stringify(JSON.parse(detail)); } catch { return detail; }
  };
  root.querySelector('[data-testid="journal"] tbody').innerHTML = instance.journal.map((j) => `<tr><td class="text-nowrap">${vietnamTime.format(j.atUtc)}</td><td>${escapeHtml(events[j.event] ?? j.event)}</td>`
    + `<td>${escapeHtml(j.elementId ? nameOf(v, j.elementId) : '')}</td><td>${escapeHtml(j.actor ?? '')}</td><td class="text-break small">${escapeHtml(readable(j.detail))}</td></tr>`).join('');

  const incidents = root.querySelector('[data-testid="incidents"]');
  incidents.innerHTML = instance.incidents.length === 0
    ? `<li class="list-group-item small text-secondary">${escapeHtml(root.dataset.textNoIncidents)}</li>`
    : instance.incidents.map((i) => `<li class="list-group-item d-flex gap-2 align-items-start"><div class="flex-grow-1"><strong>${escapeHtml(nameOf(v, i.elementId))}</strong> <span class="badge text-bg-danger">${escapeHtml(i.type)}</span><div class="small text-break">${escapeHtml(i.message)}</div></div>`
      + `<button type="button" class="btn btn-sm btn-outline-primary" data-retry="${i.id}">${escapeHtml(root.dataset.textRetry)}</button></li>`).join('');
  incidents.querySelectorAll('[data-retry]').forEach((button) => button.addEventListener('click', async () => {
    try {
      await api(`/api/admin/incidents/${button.dataset.retry}/retry`, {});
      say(root.dataset.textRetried, 'success');
      setTimeout(() => window.location.reload(), 600);
    } catch (e) {
      say(e.message, 'danger');
    }
  }));

  const editor = root.querySelector('[data-variable-form]');
  editor?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(editor);
    const type = form.get('type');
    let value = form.get('value');
    if (type === 'Integer' || type === 'Long' || type === 'Double') value = Number(value);
    if (type === 'Boolean') value = value === 'true';
    try {
      await api(`/api/admin/instances/${id}/variables/${encodeURIComponent(form.get('name'))}`, { value: { type, value } }, 'PUT');
      say(root.dataset.textVariableSaved, 'success');
      setTimeout(() => window.location.reload(), 600);
    } catch (err) {
      say(err.message, 'danger');
    }
  });

  const cancel = root.querySelector('[data-cancel-form]');
  cancel?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const reason = new FormData(cancel).get('reason');
    if (!window.confirm(root.dataset.textConfirmCancel)) return;
    try {
      await api(`/api/admin/instances/${id}/cancel`, { reason });
      window.location.reload();
    } catch (err) {
      say(err.message, 'danger');
    }
  });
  window.instanceViewer = v;
}
