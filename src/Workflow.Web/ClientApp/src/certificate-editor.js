// The certificate template editor: keeps the layout as one object, renders it into the form, and after each change
// (debounced) asks the server for a PNG preview drawn by the same code as the PDFs. Saving makes a new version.
const root = document.querySelector('[data-testid="certificate-editor"]');
if (root) {
  const token = document.querySelector('input[name="__RequestVerificationToken"]').value;
  const problems = root.querySelector('[data-testid="certificate-problems"]');
  const status = root.querySelector('[data-testid="certificate-status"]');
  const previewStatus = root.querySelector('[data-preview-status]');
  const preview = root.querySelector('[data-testid="certificate-preview"]');
  const body = root.querySelector('[data-testid="certificate-blocks"]');
  const rowTemplate = document.getElementById('block-row');
  let layout = JSON.parse(document.getElementById('certificate-layout').textContent);
  let timer = 0;
  let previewUrl = '';
  let sequence = 0;

  const get = (path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), layout);
  const set = (path, value) => {
    const keys = path.split('.');
    let o = layout;
    for (const k of keys.slice(0, -1)) o = o[k] ??= {};
    o[keys.at(-1)] = value;
  };
  const valueOf = (input) => {
    if (input.type === 'checkbox') return input.checked;
    if (input.hasAttribute('data-number')) return input.value === '' ? 0 : Number(input.value);
    return input.value;
  };
  const show = (input, value) => {
    if (input.type === 'checkbox') input.checked = !!value;
    else input.value = value ?? '';
  };

  function renderBlocks() {
    body.replaceChildren();
    layout.blocks.forEach((block, index) => {
      const row = rowTemplate.content.firstElementChild.cloneNode(true);
      row.dataset.index = String(index);
      row.querySelectorAll('[data-field]').forEach((input) => show(input, block[input.dataset.field]));
      body.append(row);
    });
  }

  function renderForm() {
    root.querySelectorAll('[data-bind]').forEach((input) => show(input, get(input.dataset.bind)));
    root.querySelectorAll('[data-emblem]').forEach((input) => {
      show(input, layout.emblem ? layout.emblem[input.dataset.emblem] : '');
      input.disabled = !layout.emblem;
    });
    root.querySelector('[data-remove-emblem]').disabled = !layout.emblem;
    renderBlocks();
  }

  function showProblems(list) {
    const ul = problems.querySelector('ul');
    ul.replaceChildren(...list.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
    problems.classList.toggle('d-none', list.length === 0);
  }

  async function errorsOf(response) {
    try {
      const error = await response.json();
      return [error.message, ...(error.errors ?? []).map((e) => e.message)].filter(Boolean);
    } catch {
      return [`Lỗi ${response.status}`];
    }
  }

  async function refresh() {
    const mine = ++sequence;
    previewStatus.textContent = 'đang vẽ…';
    const response = await fetch('/api/admin/certificate-template/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', RequestVerificationToken: token },
      body: JSON.stringify(layout),
    });
    if (mine !== sequence) return; // a newer change is being drawn
    if (response.ok) {
      const blob = await response.blob();
      if (previewUrl) URL.revokeObjectURL(previewUrl);
      previewUrl = URL.createObjectURL(blob);
      preview.src = previewUrl;
      showProblems([]);
      previewStatus.textContent = '';
    } else {
      showProblems(await errorsOf(response));
      previewStatus.textContent = 'chưa vẽ được: xem lỗi bên trái';
    }
  }

  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  };

  root.addEventListener('input', (event) => {
    const input = event.target;
    if (input.dataset.bind) set(input.dataset.bind, valueOf(input));
    else if (input.dataset.emblem && layout.emblem) layout.emblem[input.dataset.emblem] = Number(input.value || 0);
    else if (input.dataset.field) {
      const index = Number(input.closest('[data-block]').dataset.index);
      layout.blocks[index][input.dataset.field] = valueOf(input);
    } else return;
    changed();
  });
  root.addEventListener('change', (event) => {
    if (event.target.type === 'checkbox' || event.target.tagName === 'SELECT') event.target.dispatchEvent(new Event('input', { bubbles: true }));
  });

  root.addEventListener('click', async (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    const row = button.closest('[data-block]');
    if (button.hasAttribute('data-remove') && row) {
      layout.blocks.splice(Number(row.dataset.index), 1);
    } else if (button.dataset.move && row) {
      const from = Number(row.dataset.index);
      const to = from + Number(button.dataset.move);
      if (to < 0 || to >= layout.blocks.length) return;
      [layout.blocks[from], layout.blocks[to]] = [layout.blocks[to], layout.blocks[from]];
    } else if (button.hasAttribute('data-add-block')) {
      layout.blocks.push({ name: 'Dòng mới', text: '', x: 421, y: 30, follow: true, size: 14, face: 'Regular', color: '#212121', maxWidth: 700, align: 'Center' });
    } else if (button.hasAttribute('data-remove-emblem')) {
      layout.emblem = null;
    } else if (button.hasAttribute('data-reset')) {
      if (!window.confirm(button.dataset.confirmText)) return;
      layout = await (await fetch('/api/admin/certificate-template/default')).json();
    } else if (button.hasAttribute('data-save')) {
      if (!window.confirm(button.dataset.confirmText)) return;
      button.disabled = true;
      status.textContent = 'Đang lưu…';
      const kind = root.dataset.kind ? `?kind=${encodeURIComponent(root.dataset.kind)}` : '';
      const response = await fetch(`/api/admin/certificate-template${kind}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', RequestVerificationToken: token },
        body: JSON.stringify(layout),
      });
      button.disabled = false;
      if (response.ok) {
        const saved = await response.json();
        status.textContent = `Đã lưu phiên bản ${saved.version}.`;
        root.ownerDocument.querySelector('[data-testid="template-version"]').textContent = `Phiên bản ${saved.version}`;
        showProblems([]);
      } else {
        status.textContent = 'Chưa lưu được.';
        showProblems(await errorsOf(response));
      }
      return;
    } else {
      return;
    }

    renderForm();
    changed();
  });

  root.querySelector('[data-testid="emblem-file"]').addEventListener('change', (event) => {
    const file = event.target.files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const base64 = String(reader.result).split(',')[1] ?? '';
      layout.emblem = { imageBase64: base64, x: layout.emblem?.x ?? 391, y: layout.emblem?.y ?? 40, width: layout.emblem?.width ?? 60 };
      renderForm();
      changed();
    };
    reader.readAsDataURL(file);
  });

  renderForm();
  refresh();
}
