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

// Tree views: expand or collapse every node at once.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-tree-toggle]');
  if (!button) return;
  const open = button.dataset.treeToggle === 'open';
  document.querySelectorAll(button.dataset.target + ' details').forEach((d) => { d.open = open; });
});
