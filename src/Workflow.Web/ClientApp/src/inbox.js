// The reviewer's inbox: keyboard navigation, the detail pane, actions, bulk actions, saved views, the workflow
// diagram (bpmn-js viewer) and live updates (SignalR). The server renders the list and the pane; this script fetches
// those fragments again when something changes, so every list a user sees was filtered by the server under their rights.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';

// Numbers as the page's language writes them (1.234 in Vietnamese, 1,234 in English).
const numberLocale = document.documentElement.lang?.startsWith('en') ? 'en-US' : 'vi-VN';

// The page's language for what this script writes (site.js reads the layout's ui-text block; Vietnamese if it has not).
const t = (text, ...args) => (window.t ? window.t(text, ...args) : text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? '')));

const root = document.querySelector('[data-inbox]');
if (root) {
  const token = document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  const listBox = root.querySelector('[data-list]');
  const detailBox = root.querySelector('[data-detail]');
  const totalBadge = document.querySelector('[data-testid="inbox-total"]');
  const liveStatus = root.querySelector('[data-live-status]');
  const listUrl = root.dataset.listUrl;
  const selected = new Set();
  let currentId = null;
  let openId = null;
  let viewer = null;

  const rows = () => [...listBox.querySelectorAll('tbody tr[data-task]')];
  const rowOf = (id) => listBox.querySelector(`tbody tr[data-task="${id}"]`);

  async function api(url, body, method = 'POST') {
    const response = await fetch(url, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await response.json(); } catch { /* no body */ }
    return { ok: response.ok, status: response.status, data };
  }

  // ---- selection and keyboard ---------------------------------------------------------------------------------
  function select(row, { scroll = true } = {}) {
    rows().forEach((r) => r.classList.remove('inbox-current'));
    if (!row) { currentId = null; return; }
    row.classList.add('inbox-current');
    currentId = row.dataset.task;
    if (scroll) row.scrollIntoView({ block: 'nearest' });
    row.focus({ preventScroll: !scroll });
  }

  function move(delta) {
    const all = rows();
    if (all.length === 0) return;
    const index = all.findIndex((r) => r.dataset.task === currentId);
    const next = index < 0 ? (delta > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, index + delta));
    select(all[next]);
  }

  function showError(message) {
    const box = detailBox.querySelector('[data-detail-error]');
    if (box) {
      box.textContent = message;
      box.classList.remove('d-none');
      box.focus?.();
    } else {
      window.alert(message);
    }
  }

  // ---- the list -------------------------------------------------------------------------------------------------
  async function refreshList() {
    const url = listUrl + (listUrl.includes('?') ? '&' : '?') + 'handler=List';
    try {
      const response = await fetch(url, { headers: { Accept: 'text/html' } });
      if (!response.ok) return;
      const index = rows().findIndex((r) => r.dataset.task === currentId);
      listBox.innerHTML = await response.text();
      const total = listBox.querySelector('[data-total]')?.dataset.total;
      if (totalBadge && total !== undefined) totalBadge.textContent = Number(total).toLocaleString(numberLocale);
      for (const id of [...selected]) {
        const box = listBox.querySelector(`[data-select="${id}"]`);
        if (box) box.checked = true; else selected.delete(id);
      }
      updateBulkBar();
      const keep = currentId && rowOf(currentId);
      if (keep) select(keep, { scroll: false });
      else if (index >= 0 && rows().length > 0) select(rows()[Math.min(index, rows().length - 1)], { scroll: false });
      else currentId = null;
      if (openId && !rowOf(openId) && !detailBox.querySelector('[data-gone]')) {
        await openDetail(openId, { focus: false });
      }
    } catch {
      // a dropped request: the next change or a reload will catch up
    }
  }

  let pending = null;
  function refreshSoon() {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => { refreshList(); refreshCounts(); }, 250);
  }

  // ---- the detail pane ------------------------------------------------------------------------------------------
  // Beside the list from 1200 px; narrower (a tablet), a drawer over the list's right side, so the pane never falls
  // below a long list. "Về danh sách" or Esc closes it and puts the focus back on the task's row.
  const narrow = () => window.matchMedia('(max-width: 1199.98px)').matches;
  function showDrawer() {
    if (root.classList.contains('detail-open')) return;
    root.classList.add('detail-open');
    detailBox.focus({ preventScroll: true });
  }
  function closeDrawer() {
    if (!root.classList.contains('detail-open')) return false;
    root.classList.remove('detail-open');
    const row = currentId && rowOf(currentId);
    if (row) row.focus();
    return true;
  }
  root.querySelector('[data-close-detail]')?.addEventListener('click', closeDrawer);
  async function openDetail(id, { focus = true } = {}) {
    if (!id) return;
    detailBox.setAttribute('aria-busy', 'true');
    // A slow answer shows that something is coming instead of the previous task's pane.
    const slow = window.setTimeout(() => {
      detailBox.innerHTML = '<div class="card card-body text-secondary" data-testid="detail-loading"><span class="spinner-border spinner-border-sm me-2" aria-hidden="true"></span>' + t('Đang tải hồ sơ…') + '</div>';
    }, 150);
    try {
      const response = await fetch(`/Inbox?handler=Detail&taskId=${encodeURIComponent(id)}`, { headers: { Accept: 'text/html' } });
      detailBox.innerHTML = response.ok ? await response.text()
        : `<div class="card card-body text-danger">${t('Không tải được chi tiết việc. Thử lại sau giây lát.')}</div>`;
      openId = id;
      renderDiagram();
      renderCustomForm();
      if (focus && narrow()) showDrawer();
    } catch {
      detailBox.innerHTML = `<div class="card card-body text-danger">${t('Mất kết nối tới máy chủ; kiểm tra mạng rồi thử lại.')}</div>`;
    } finally {
      window.clearTimeout(slow);
      detailBox.removeAttribute('aria-busy');
    }
  }

  // A task with a form designed in form-js: the viewer is a separate bundle, loaded the first time one is opened.
  let taskFormScript = null;
  async function renderCustomForm() {
    const box = detailBox.querySelector('[data-custom-form]');
    if (!box) return;
    taskFormScript ??= new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = root.dataset.taskFormScript;
      script.onload = resolve;
      script.onerror = () => reject(new Error(t('Không tải được biểu mẫu.')));
      document.head.append(script);
    });
    try {
      await taskFormScript;
      const id = openId;
      await window.taskForms.mount(box, { onDone: () => advanceAfter(id), onError: showError });
    } catch (e) {
      box.querySelector('[data-form]').textContent = e.message;
    }
  }

  async function renderDiagram() {
    const box = detailBox.querySelector('[data-diagram]');
    if (viewer) { viewer.destroy(); viewer = null; }
    if (!box) return;
    try {
      const response = await fetch(box.dataset.diagram);
      if (response.status === 204) { box.textContent = t('Việc này không còn trong danh sách của bạn.'); return; }
      if (!response.ok) { box.textContent = t('Không tải được sơ đồ.'); return; }
      viewer = new NavigatedViewer({ container: box });
      await viewer.importXML(await response.text());
      const canvas = viewer.get('canvas');
      canvas.zoom('fit-viewport');
      if (box.dataset.current) {
        try { canvas.addMarker(box.dataset.current, 'inbox-step'); } catch { /* element not drawn */ }
      }
      box.dataset.ready = 'true';
    } catch {
      box.textContent = t('Không vẽ được sơ đồ quy trình.');
    }
  }

  // The task is done: drop its row, move to the next one and open it, so a queue is worked without the mouse.
  async function advanceAfter(id) {
    const all = rows();
    const index = all.findIndex((r) => r.dataset.task === id);
    const next = all[index + 1] ?? all[index - 1] ?? null;
    all[index]?.remove();
    selected.delete(id);
    updateBulkBar();
    if (totalBadge) totalBadge.textContent = String(Math.max(0, Number(totalBadge.textContent.replace(/\D/g, '')) - 1));
    if (next) {
      select(next);
      await openDetail(next.dataset.task, { focus: false });
    } else {
      openId = null;
      detailBox.innerHTML = `<div class="card card-body text-success" data-testid="detail-done">${t('Đã xử lý xong các việc trên trang này.')}</div>`;
    }
    refreshSoon();
  }

  // What a completed step did, said where the eye is not (the list moves on to the next task): "Đề xuất mức — Chi bộ X, mức HTTNV".
  function doneText(submitter, body) {
    const label = (submitter?.cloneNode(true) ?? document.createElement('span'));
    label.querySelectorAll('kbd').forEach((k) => k.remove());
    const subject = detailBox.querySelector('[data-testid="detail-subject"]')?.textContent.trim() ?? '';
    const action = label.textContent.trim() || root.dataset.textDone;
    return `${action} — ${subject}${body.level ? `, ${root.dataset.textLevel} ${body.level}` : ''}`;
  }

  function toast(text) {
    const container = root.querySelector('[data-toasts]');
    if (!container || !window.bootstrap) return;
    const element = document.createElement('div');
    element.className = 'toast align-items-center text-bg-success border-0';
    element.setAttribute('role', 'status');
    element.dataset.testid = 'toast';
    const inner = document.createElement('div');
    inner.className = 'd-flex';
    const bodyBox = document.createElement('div');
    bodyBox.className = 'toast-body';
    bodyBox.textContent = text;
    inner.append(bodyBox);
    element.append(inner);
    container.append(element);
    element.addEventListener('hidden.bs.toast', () => element.remove());
    window.bootstrap.Toast.getOrCreateInstance(element, { delay: 6000 }).show();
  }

  function formJson(form, submitter) {
    const body = JSON.parse(form.dataset.extra ?? '{}');
    for (const element of form.elements) {
      if (!element.name || element.type === 'submit') continue;
      if (element.type === 'checkbox') body[element.name] = element.checked;
      else if (element.dataset.number !== undefined) body[element.name] = Number(element.value);
      else body[element.name] = element.value;
    }
    if (submitter?.name) body[submitter.name] = submitter.value;
    return body;
  }

  detailBox.addEventListener('submit', async (event) => {
    const form = event.target;
    event.preventDefault();
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      if (form.dataset.assign) {
        const body = formJson(form, event.submitter);
        const kind = body.kind === 'delegate' ? 'delegate' : 'reassign';
        const result = await api(`/api/inbox/tasks/${form.dataset.assign}/${kind}`, { user: body.user, note: body.note });
        if (!result.ok) { showError(result.data?.message ?? t('Không thực hiện được.')); return; }
        await openDetail(openId, { focus: false });
        refreshSoon();
        return;
      }
      if (!form.dataset.api) return;
      const body = formJson(form, event.submitter);
      if (body.action === 'return' && !(body.reason || body.comment)) {
        showError(t('Trả lại cần nêu lý do: nhập lý do rồi bấm Trả lại.'));
        form.querySelector('[data-return-reason]')?.focus();
        return;
      }
      const result = await api(form.dataset.api, body);
      if (!result.ok) {
        const fields = result.data?.errors?.map((e) => e.message).join(' ') ?? '';
        showError(`${result.data?.message ?? t('Không thực hiện được.')} ${fields}`.trim());
        if (result.status === 409 || result.status === 404) refreshSoon();
        return;
      }
      if (form.dataset.completes === 'true') {
        toast(doneText(event.submitter, body));
        await advanceAfter(openId);
      }
      else { await openDetail(openId, { focus: false }); refreshSoon(); }
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });

  detailBox.addEventListener('click', (event) => {
    const enlarge = event.target.closest('[data-diagram-enlarge]');
    if (!enlarge) return;
    const box = detailBox.querySelector('[data-diagram]');
    const large = !box.classList.contains('inbox-diagram-large');
    box.classList.toggle('inbox-diagram-large', large);
    enlarge.setAttribute('aria-pressed', String(large));
    enlarge.querySelector('span').textContent = large ? enlarge.dataset.textShrink : enlarge.dataset.textEnlarge;
    try { viewer?.get('canvas').resized(); viewer?.get('canvas').zoom('fit-viewport'); } catch { /* not drawn yet */ }
  });

  detailBox.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-task-action]');
    if (!button || !openId) return;
    const result = await api(`/api/inbox/tasks/${openId}/${button.dataset.taskAction}`);
    if (!result.ok) showError(result.data?.message ?? t('Không thực hiện được.'));
    await openDetail(openId, { focus: false });
    refreshSoon();
  });

  listBox.addEventListener('click', (event) => {
    if (event.target.closest('input, [data-page-link], [data-sort]')) return;
    const row = event.target.closest('tr[data-task]');
    if (!row) return;
    event.preventDefault();
    select(row, { scroll: false });
    openDetail(row.dataset.task);
  });

  // ---- bulk -----------------------------------------------------------------------------------------------------
  const bar = root.querySelector('[data-bulk-bar]');
  function updateBulkBar() {
    const count = selected.size;
    bar.querySelector('[data-selected-count]').textContent = count === 0 ? t('Chưa chọn việc nào') : t('Đã chọn {0} việc', count);
    bar.querySelectorAll('[data-bulk]').forEach((b) => { b.disabled = count === 0; });
  }

  listBox.addEventListener('change', (event) => {
    const box = event.target;
    if (box.matches('[data-select-all]')) {
      listBox.querySelectorAll('[data-select]').forEach((b) => {
        b.checked = box.checked;
        if (box.checked) selected.add(b.dataset.select); else selected.delete(b.dataset.select);
      });
    } else if (box.matches('[data-select]')) {
      if (box.checked) selected.add(box.dataset.select); else selected.delete(box.dataset.select);
    }
    updateBulkBar();
  });

  const modalElement = document.getElementById('bulk-confirm');
  const modal = window.bootstrap?.Modal.getOrCreateInstance(modalElement);
  let bulkAction = null;
  bar.addEventListener('click', (event) => {
    const button = event.target.closest('[data-bulk]');
    if (!button || selected.size === 0) return;
    bulkAction = button.dataset.bulk;
    const accept = bulkAction === 'accept';
    modalElement.querySelector('#bulk-title').textContent = accept ? t('Chấp nhận mức tự đề xuất') : t('Nhận các việc đã chọn');
    modalElement.querySelector('[data-bulk-summary]').textContent = accept
      ? `Ban Tổ chức sẽ đề xuất cho ${selected.size} hồ sơ đúng mức chi bộ/đảng viên tự đề xuất. Việc không phải bước thẩm định, hoặc mức khác mức gợi ý (cần lý do), sẽ không được thực hiện và được nêu rõ.`
      : `Bạn sẽ nhận ${selected.size} việc. Việc đã có người khác nhận sẽ được nêu rõ.`;
    const list = modalElement.querySelector('[data-bulk-items]');
    list.innerHTML = '';
    for (const id of selected) {
      const row = rowOf(id);
      const li = document.createElement('li');
      li.dataset.item = id;
      const subject = row?.dataset.subject || row?.querySelector('td:nth-child(3)')?.textContent?.trim() || id;
      li.textContent = accept ? t('{0}: đề xuất {1}', subject, row?.dataset.self || t('(chưa tự đề xuất)')) : t('{0}: nhận việc', subject);
      list.append(li);
    }
    modalElement.querySelector('[data-bulk-go]').classList.remove('d-none');
    modalElement.querySelector('[data-bulk-cancel]').textContent = t('Hủy');
    modal.show();
  });

  modalElement.querySelector('[data-bulk-go]').addEventListener('click', async (event) => {
    const go = event.currentTarget;
    go.disabled = true;
    const progress = modalElement.querySelector('[data-bulk-progress]');
    progress.classList.remove('d-none');
    const ids = [...selected];
    const result = await api('/api/inbox/bulk', { action: bulkAction, taskIds: ids });
    progress.classList.add('d-none');
    go.disabled = false;
    go.classList.add('d-none');
    modalElement.querySelector('[data-bulk-cancel]').textContent = t('Đóng');
    const summary = modalElement.querySelector('[data-bulk-summary]');
    if (!result.ok) {
      summary.textContent = result.data?.message ?? t('Không thực hiện được.');
      return;
    }
    summary.textContent = `Thành công ${result.data.succeeded}, không thực hiện được ${result.data.failed}.`;
    summary.dataset.testid = 'bulk-summary';
    for (const item of result.data.results) {
      const li = modalElement.querySelector(`[data-item="${item.taskId}"]`);
      if (!li) continue;
      li.className = item.ok ? 'text-success' : 'text-danger';
      li.dataset.ok = String(item.ok);
      li.textContent = `${item.ok ? '✓' : '✗'} ${item.subject ?? ''}: ${item.message}`;
      if (item.ok) selected.delete(item.taskId);
    }
    refreshSoon();
  });

  // ---- saved views ----------------------------------------------------------------------------------------------
  async function refreshCounts() {
    try {
      const response = await fetch('/api/inbox/views', { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      for (const view of await response.json()) {
        const badge = root.querySelector(`[data-view-count="${view.key}"]`);
        if (badge) badge.textContent = Number(view.count ?? 0).toLocaleString(numberLocale);
      }
    } catch { /* keep the old counts */ }
  }

  root.querySelector('[data-save-view]')?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = event.target.elements.name.value;
    const query = new URL(listUrl, window.location.origin).search.replace(/^\?/, '').replace(/(^|&)(after|view)=[^&]*/g, '');
    const result = await api('/api/inbox/views', { name, query });
    if (!result.ok) { window.alert(result.data?.message ?? t('Không lưu được bộ lọc.')); return; }
    window.location.reload();
  });

  root.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-delete-view]');
    if (!button) return;
    event.preventDefault();
    if (!window.confirm(t('Xóa bộ lọc đã lưu này? Các việc trong đó không bị ảnh hưởng.'))) return;
    const result = await api(`/api/inbox/views/${button.dataset.deleteView}`, undefined, 'DELETE');
    if (result.ok || result.status === 204) button.closest('li')?.remove();
  });

  // ---- keyboard -------------------------------------------------------------------------------------------------
  document.addEventListener('keydown', async (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target.closest('input, textarea, select, [contenteditable]');
    if (event.key === 'Escape') {
      const shown = document.querySelector('.modal.show');
      if (shown) { window.bootstrap?.Modal.getInstance(shown)?.hide(); return; }
      if (!typing && closeDrawer()) return;
      if (typing) event.target.blur();
      const row = currentId && rowOf(currentId);
      if (row) row.focus();
      return;
    }
    if (typing || document.querySelector('.modal.show')) return;
    switch (event.key) {
      case 'j': case 'ArrowDown': event.preventDefault(); move(1); break;
      case 'k': case 'ArrowUp': event.preventDefault(); move(-1); break;
      case 'Enter': if (currentId) { event.preventDefault(); await openDetail(currentId); } break;
      case 'a': {
        if (!currentId) return;
        event.preventDefault();
        if (openId !== currentId) await openDetail(currentId, { focus: false });
        const approve = detailBox.querySelector('[data-approve]');
        if (!approve) { showError(t('Việc này không duyệt nhanh được; mở hồ sơ để xử lý.')); return; }
        if (approve.tagName === 'A') window.location.href = approve.href;
        else approve.form.requestSubmit(approve);
        break;
      }
      case 'r': {
        if (!currentId) return;
        event.preventDefault();
        if (openId !== currentId) await openDetail(currentId, { focus: false });
        if (narrow()) showDrawer();
        detailBox.querySelector('[data-return-reason]')?.focus();
        break;
      }
      case 'c': {
        if (!currentId) return;
        event.preventDefault();
        const result = await api(`/api/inbox/tasks/${currentId}/claim`);
        if (!result.ok) window.alert(result.data?.message ?? t('Không nhận được việc.'));
        if (openId === currentId) await openDetail(currentId, { focus: false });
        refreshSoon();
        break;
      }
      case 'x': {
        const box = currentId && listBox.querySelector(`[data-select="${currentId}"]`);
        if (box) { box.checked = !box.checked; box.dispatchEvent(new Event('change', { bubbles: true })); }
        break;
      }
      case '/': event.preventDefault(); document.getElementById('q')?.focus(); break;
      case '?': window.bootstrap?.Modal.getOrCreateInstance(document.getElementById('inbox-help')).show(); break;
      default: break;
    }
  });

  // ---- live updates ---------------------------------------------------------------------------------------------
  const connection = new HubConnectionBuilder().withUrl('/hubs/inbox').withAutomaticReconnect().configureLogging(LogLevel.Warning).build();
  connection.on('tasksChanged', refreshSoon);
  connection.on('notificationsChanged', () => window.refreshBell?.());
  const setLive = (text, ok) => {
    if (!liveStatus) return;
    liveStatus.textContent = text;
    liveStatus.classList.toggle('text-danger', !ok);
  };
  connection.onreconnecting(() => setLive(t('Mất kết nối, đang thử lại…'), false));
  connection.onreconnected(() => { setLive(t('Cập nhật trực tiếp'), true); refreshSoon(); });
  connection.start()
    .then(() => { root.dataset.live = 'connected'; setLive(t('Cập nhật trực tiếp'), true); })
    .catch(() => setLive(t('Không có cập nhật trực tiếp: tải lại trang để xem việc mới'), false));

  refreshCounts();
  const fromHash = window.location.hash.startsWith('#t-') ? rowOf(window.location.hash.slice(3)) : null;
  if (fromHash) { select(fromHash); openDetail(fromHash.dataset.task); }
}
