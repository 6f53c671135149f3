// Site-wide behaviour: Bootstrap's components and a confirmation step before destructive actions.
import * as bootstrap from 'bootstrap';

// Numbers as the page's language writes them (1.234 in Vietnamese, 1,234 in English).
const numberLocale = document.documentElement.lang?.startsWith('en') ? 'en-US' : 'vi-VN';

window.bootstrap = bootstrap;

// The texts the scripts write, in the page's language (the layout's ui-text block); "{0}", "{1}" take the arguments.
const uiText = (() => {
  try { return JSON.parse(document.getElementById('ui-text')?.textContent ?? '{}'); } catch { return {}; }
})();
window.t = (text, ...args) => (uiText[text] ?? text).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));

// Any form or button with data-confirm="..." asks before it submits (closing a unit, locking a user...). A button
// with data-check="url" first sends the form to that url, which answers whether the command would pass: its errors
// are shown in the form's [data-check-errors] box and nothing is asked; only a form that passes gets the question.
document.addEventListener('submit', (event) => {
  const form = event.target;
  const submitter = event.submitter;
  const message = submitter?.dataset.confirm ?? form.dataset.confirm;
  if (submitter?.dataset.check && form.dataset.checked !== 'true') {
    event.preventDefault();
    checkThenConfirm(form, submitter, message);
    return;
  }

  form.dataset.checked = '';
  if (message && submitter?.dataset.check === undefined && !window.confirm(message)) {
    event.preventDefault();
  }
});

async function checkThenConfirm(form, submitter, message) {
  const box = form.querySelector('[data-check-errors]');
  submitter.disabled = true;
  try {
    const response = await fetch(submitter.dataset.check, { method: 'POST', body: new FormData(form), headers: { Accept: 'application/json' } });
    const result = await response.json().catch(() => ({ ok: false, message: response.statusText, errors: [] }));
    if (!result.ok) {
      if (box) {
        box.replaceChildren();
        const head = document.createElement('div');
        head.textContent = result.message;
        box.append(head);
        if (result.errors?.length) {
          const list = document.createElement('ul');
          list.className = 'mb-0 small';
          result.errors.forEach((e) => { const li = document.createElement('li'); li.textContent = e.message; list.append(li); });
          box.append(list);
        }
        box.hidden = false;
        box.focus();
      }
      return;
    }

    if (box) box.hidden = true;
    if (message && !window.confirm(message)) return;
    form.dataset.checked = 'true';
    submitter.disabled = false;
    form.requestSubmit(submitter);
  } finally {
    submitter.disabled = false;
  }
}

// No inline handlers (the Content-Security-Policy forbids them): a select with data-autosubmit submits its form when
// changed, a button with data-print prints the page.
document.addEventListener('change', (event) => {
  if (event.target.matches('select[data-autosubmit]')) event.target.form?.requestSubmit();
});
document.addEventListener('click', (event) => {
  if (event.target.closest('[data-print]')) window.print();
});

// Tree views: expand or collapse every node at once.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-tree-toggle]');
  if (!button) return;
  const open = button.dataset.treeToggle === 'open';
  document.querySelectorAll(button.dataset.target + ' details').forEach((d) => { d.open = open; });
});

// A round being opened: follow the background job's progress, then show the opened round.
const opening = document.querySelector('[data-testid="opening"][data-status="Opening"]');
if (opening) {
  const poll = async () => {
    try {
      const response = await fetch(`/api/rounds/${opening.dataset.roundId}`, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const round = await response.json();
        const percent = round.subjectCount ? Math.floor((round.openedCount * 100) / round.subjectCount) : 0;
        if (round.subjectCount > 0) {
          opening.querySelector('[data-testid="opening-count"]').textContent =
            `${round.openedCount.toLocaleString(numberLocale)} / ${round.subjectCount.toLocaleString(numberLocale)}`;
        }
        opening.querySelector('.progress').setAttribute('aria-valuenow', String(percent));
        opening.querySelector('.progress-bar').style.width = `${percent}%`;
        if (round.status !== 'Opening') {
          window.location.reload();
          return;
        }
      }
    } catch {
      // a dropped request: try again at the next tick
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 500);
}

// An award round's selection: the meter adds this page's ticks to those saved on other pages, against the group's limit.
const awardForm = document.querySelector('[data-award-meter]');
const awardMeter = document.querySelector('[data-testid="award-meter"]');
if (awardForm && awardMeter) {
  const elsewhere = Number(awardForm.dataset.selectedElsewhere || '0');
  const max = awardForm.dataset.max === '' ? null : Number(awardForm.dataset.max);
  const update = () => {
    const chosen = elsewhere + awardForm.querySelectorAll('input[data-select]:checked').length;
    awardMeter.querySelector('[data-meter-chosen]').textContent = chosen.toLocaleString(numberLocale);
    const over = max !== null && chosen > max;
    awardMeter.classList.toggle('alert-danger', over);
    awardMeter.classList.toggle('alert-success', !over);
    awardMeter.querySelector('[data-meter-over]').hidden = !over;
  };
  awardForm.addEventListener('change', update);
  update();
}

// The decision board: the quota meter follows the levels chosen, live.
const board = document.querySelector('[data-testid="board"]');
if (board) {
  const percent = Number(board.dataset.quotaPercent);
  const rounding = board.dataset.quotaRounding;
  const meter = document.querySelector('[data-testid="quota-meter"]');
  const update = () => {
    const levels = [...board.querySelectorAll('select[data-level]')].map((s) => s.value);
    const excellent = levels.filter((l) => l === 'HTXSNV').length;
    const good = levels.filter((l) => l === 'HTTNV').length;
    const exact = ((excellent + good) * percent) / 100;
    const max = rounding === 'Down' ? Math.floor(exact) : rounding === 'Nearest' ? Math.round(exact) : Math.ceil(exact);
    meter.querySelector('[data-quota-chosen]').textContent = String(excellent);
    meter.querySelector('[data-quota-max]').textContent = String(max);
    const over = excellent > max;
    meter.classList.toggle('alert-danger', over);
    meter.classList.toggle('alert-success', !over);
    meter.querySelector('[data-quota-over]').hidden = !over;
    const missing = levels.filter((l) => l === '').length;
    const missingNote = meter.querySelector('[data-quota-missing]');
    if (missingNote) {
      missingNote.hidden = missing === 0;
      missingNote.querySelector('[data-quota-missing-count]').textContent = String(missing);
    }
  };
  board.addEventListener('change', update);
  update();

  // Checked here before the confirmation is asked, one Vietnamese message on the row (the form has novalidate: no
  // browser bubble); the server checks the same again.
  board.addEventListener('submit', (event) => {
    let first = null;
    board.querySelectorAll('select[data-level]:not(:disabled)').forEach((select) => {
      const id = select.dataset.level;
      const reason = board.querySelector(`[data-reason-for="${id}"]`);
      const error = board.querySelector(`[data-row-error="${id}"]`);
      let message = '';
      if (select.value === '') message = board.dataset.messageLevel;
      else if (select.dataset.proposed && select.value !== select.dataset.proposed && !reason.value.trim()) message = board.dataset.messageReason;
      error.textContent = message;
      select.closest('tr').classList.toggle('table-danger', message !== '');
      if (message && !first) first = select.value === '' ? select : reason;
    });
    board.querySelectorAll('input[required]').forEach((input) => {
      const empty = !input.value.trim();
      input.classList.toggle('is-invalid', empty);
      let feedback = input.nextElementSibling;
      if (!feedback?.matches('.invalid-feedback')) {
        feedback = document.createElement('div');
        feedback.className = 'invalid-feedback';
        input.after(feedback);
      }
      feedback.textContent = empty ? board.dataset.messageRequired : '';
      if (empty && !first) first = input;
    });
    if (first) {
      event.preventDefault();
      event.stopImmediatePropagation();
      first.focus();
    }
  });
}

// Template editors: a live preview rendered by the server as the admin types (debounced).
document.querySelectorAll('textarea[data-live-preview]').forEach((area) => {
  const target = document.querySelector(area.dataset.livePreview);
  const status = document.querySelector('[data-preview-status]');
  const token = area.form.querySelector('input[name="__RequestVerificationToken"]').value;
  let timer;
  area.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const body = new URLSearchParams({ Text: area.value, __RequestVerificationToken: token });
      const url = new URL(window.location.href);
      url.searchParams.set('handler', 'Preview');
      const response = await fetch(url, { method: 'POST', body });
      const text = await response.text();
      if (response.ok) {
        target.innerHTML = text; // server-rendered: every value HTML-encoded
        status.textContent = '';
      } else {
        status.textContent = text;
      }
    }, 400);
  });
});

// The bell: unread notifications, on every page (the inbox also refreshes it live).
const bell = document.querySelector('[data-bell-count]');
async function refreshBell() {
  if (!bell) return;
  try {
    const response = await fetch('/api/notifications', { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const { unread } = await response.json();
    bell.textContent = unread > 99 ? '99+' : String(unread);
    bell.classList.toggle('d-none', unread === 0);
    bell.closest('a')?.setAttribute('aria-label', window.t('Thông báo: {0} chưa đọc', unread));
  } catch {
    // offline for a moment: the next refresh will tell
  }
}
window.refreshBell = refreshBell;
refreshBell();

// A decision whose certificates are being issued in the background: show how far it is, then the list.
const issuing = document.querySelector('[data-testid="certificates-progress"]');
if (issuing) {
  const poll = async () => {
    try {
      const response = await fetch(`/api/decisions/${issuing.dataset.decisionId}/certificates`, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const state = await response.json();
        const percent = state.expected ? Math.floor((state.issuedCount * 100) / state.expected) : 0;
        issuing.querySelector('[data-progress-count]').textContent =
          `${state.issuedCount.toLocaleString(numberLocale)} / ${state.expected.toLocaleString(numberLocale)}`;
        issuing.querySelector('.progress').setAttribute('aria-valuenow', String(percent));
        issuing.querySelector('.progress-bar').style.width = `${percent}%`;
        if (state.issued) {
          window.location.reload();
          return;
        }
      }
    } catch {
      // the next poll tries again
    }
    setTimeout(poll, 1000);
  };
  poll();
}

// An import running in the background: the bar follows its committed batches; the page reloads when it is done.
const importing = document.querySelector('[data-testid="import-progress"]');
if (importing) {
  const poll = async () => {
    try {
      const response = await fetch(`/api/imports/${importing.dataset.importId}`, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const state = await response.json();
        importing.querySelector('[data-progress-count]').textContent =
          `${state.done.toLocaleString(numberLocale)} / ${state.total.toLocaleString(numberLocale)}`;
        importing.querySelector('.progress').setAttribute('aria-valuenow', String(state.percent));
        importing.querySelector('.progress-bar').style.width = `${state.percent}%`;
        if (state.status === 'Completed' || state.status === 'Failed') {
          window.location.reload();
          return;
        }
      }
    } catch {
      // the next poll tries again
    }
    setTimeout(poll, 1000);
  };
  poll();
}

// Opening a round: the rule set follows the year typed (the latest version that covers it); a choice made by hand
// after that is kept until the year changes again.
document.querySelectorAll('select[data-follows-year]').forEach((select) => {
  const year = document.querySelector(select.dataset.followsYear);
  if (!year) return;
  // As the year is typed (a four-digit year), not only when the box is left.
  const follow = () => {
    const value = Number(year.value);
    if (!(value >= 1000)) return;
    const covering = [...select.options].filter((o) => Number(o.dataset.from) <= value && (!o.dataset.to || value <= Number(o.dataset.to)));
    covering.sort((a, b) => Number(b.dataset.version) - Number(a.dataset.version));
    if (covering.length > 0) select.value = covering[0].value;
  };
  year.addEventListener('input', follow);
  year.addEventListener('change', follow);
});

// Unit pickers: a select with data-unit-picker becomes a search box over the units' names and the path above each
// ("Chi bộ Văn phòng — Đảng bộ Sở Công Thương"), accents optional; the select stays in the form and carries the value.
const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
let pickerCount = 0;
document.querySelectorAll('select[data-unit-picker]').forEach((select) => {
  pickerCount += 1;
  const options = [...select.options].map((o) => ({
    value: o.value, name: o.textContent.trim(), path: o.dataset.path ?? '', key: fold(`${o.textContent} ${o.dataset.path ?? ''}`),
  }));
  const wrapper = document.createElement('div');
  wrapper.className = 'unit-picker position-relative';
  const input = document.createElement('input');
  input.type = 'text';
  input.autocomplete = 'off';
  input.className = select.classList.contains('form-select-sm') ? 'form-control form-control-sm' : 'form-control';
  input.id = `${select.id || `unit-picker-${pickerCount}`}-search`;
  input.placeholder = select.dataset.placeholder ?? '';
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  const list = document.createElement('ul');
  list.className = 'list-group position-absolute w-100 shadow-sm unit-picker-list';
  list.id = `${input.id}-list`;
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  input.setAttribute('aria-controls', list.id);
  const label = select.id ? document.querySelector(`label[for="${select.id}"]`) : null;
  if (label) label.htmlFor = input.id;
  else if (select.getAttribute('aria-label')) input.setAttribute('aria-label', select.getAttribute('aria-label'));
  select.hidden = true;
  select.tabIndex = -1;
  select.after(wrapper);
  wrapper.append(input, list);

  const current = () => options.find((o) => o.value === select.value);
  const show = () => { input.value = current()?.value ? current().name : ''; };
  let matches = [];
  let active = -1;
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); };
  const mark = (index) => {
    active = index;
    [...list.children].forEach((li, i) => li.classList.toggle('active', i === index));
    const li = list.children[index];
    if (li) { input.setAttribute('aria-activedescendant', li.id); li.scrollIntoView({ block: 'nearest' }); }
  };
  const choose = (option) => {
    const changed = select.value !== option.value;
    select.value = option.value;
    show();
    close();
    if (changed) select.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const render = () => {
    // Every word typed must appear, in any order: "van phong cong thuong" finds "Chi bộ Văn phòng — Đảng bộ Sở Công Thương".
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    matches = options.filter((o) => words.every((w) => o.key.includes(w))).slice(0, 50);
    list.replaceChildren(...matches.map((o, i) => {
      const li = document.createElement('li');
      li.id = `${list.id}-${i}`;
      li.className = 'list-group-item list-group-item-action py-1';
      li.setAttribute('role', 'option');
      const name = document.createElement('div');
      name.textContent = o.name;
      li.append(name);
      if (o.path) {
        const path = document.createElement('div');
        path.className = 'small text-secondary';
        path.textContent = o.path;
        li.append(path);
      }
      li.addEventListener('mousedown', (event) => { event.preventDefault(); choose(o); });
      return li;
    }));
    list.hidden = matches.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    mark(matches.length > 0 ? 0 : -1);
  };
  input.addEventListener('focus', () => input.select());
  input.addEventListener('input', render);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) { render(); return; }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      mark(Math.max(0, Math.min(matches.length - 1, active + step)));
    } else if (event.key === 'Enter' && !list.hidden) {
      event.preventDefault();
      if (matches[active]) choose(matches[active]);
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      show();
      close();
    }
  });
  input.addEventListener('blur', () => {
    // An emptied box means "no unit" where the picker offers that; anything else typed but not chosen is undone.
    if (!input.value.trim() && options.some((o) => o.value === '')) choose(options.find((o) => o.value === ''));
    else show();
    close();
  });
  show();
});
