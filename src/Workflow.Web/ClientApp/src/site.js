// Site-wide behaviour: Bootstrap's components and a confirmation step before destructive actions.
import * as bootstrap from 'bootstrap';

window.bootstrap = bootstrap;

// Any form or button with data-confirm="..." asks before it submits (closing a unit, locking a user...).
document.addEventListener('submit', (event) => {
  const form = event.target;
  const submitter = event.submitter;
  const message = submitter?.dataset.confirm ?? form.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

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
        opening.querySelector('[data-testid="opening-count"]').textContent =
          `${round.openedCount.toLocaleString('vi-VN')} / ${round.subjectCount.toLocaleString('vi-VN')}`;
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
    board.querySelectorAll('select[data-level]').forEach((s) => {
      const reason = board.querySelector(`[data-reason-for="${s.dataset.level}"]`);
      if (reason) reason.required = s.value !== s.dataset.proposed;
    });
  };
  board.addEventListener('change', update);
  update();
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
    bell.closest('a')?.setAttribute('aria-label', `Thông báo: ${unread} chưa đọc`);
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
          `${state.issuedCount.toLocaleString('vi-VN')} / ${state.expected.toLocaleString('vi-VN')}`;
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
