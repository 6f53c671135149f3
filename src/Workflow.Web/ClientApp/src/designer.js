// The workflow designer and the operations pages (Admin): one bundle, each page starts the part it carries.
import { startModeler } from './designer/modeler';
import { startVersions, startOperations, startInstance } from './designer/viewers';

const fail = (root, error) => {
  const box = root.querySelector('[data-status]') ?? root;
  box.className = 'alert alert-danger';
  box.textContent = (window.t ?? ((text, value) => text.replace('{0}', value)))('Không mở được sơ đồ: {0}', error.message);
};

for (const [selector, start] of [['[data-designer]', startModeler], ['[data-process-versions]', startVersions],
  ['[data-process-operations]', startOperations], ['[data-instance-view]', startInstance]]) {
  const root = document.querySelector(selector);
  if (root) {
    start(root).then(() => root.setAttribute('data-ready', 'true'), (error) => fail(root, error));
  }
}
