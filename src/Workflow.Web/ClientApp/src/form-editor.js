// The task-form designer (Admin): form-js's editor on the page, saved as a new version of the form's key.
import { FormEditor } from '@bpmn-io/form-js-editor';
import { api } from './designer/common';
import { translateFormEditor, vietnameseDefaults } from './designer/form-editor-vi';

const root = document.querySelector('[data-form-editor]');
if (root) {
  const status = root.querySelector('[data-status]');
  const say = (text, tone = 'secondary') => {
    status.className = `small text-${tone}`;
    status.textContent = text;
  };
  const key = root.dataset.key;
  const nameInput = root.querySelector('[name="form-name"]');
  const version = root.querySelector('[data-testid="form-version"]');
  let dirty = false;

  const start = async () => {
    const initial = JSON.parse(document.getElementById('form-schema').textContent);
    const editor = new FormEditor({ container: root.querySelector('[data-canvas]') });
    await editor.importSchema(initial);
    if ((document.documentElement.lang || 'vi').startsWith('vi')) {
      translateFormEditor(document.body);
      editor.on('commandStack.formField.add.preExecute', ({ context }) => vietnameseDefaults(context.formField));
    }
    window.formEditor = editor;
    editor.on('changed', () => {
      dirty = true;
      say(root.dataset.textUnsaved, 'warning');
    });

    const save = async () => {
      try {
        const result = await api(`/api/admin/forms/${encodeURIComponent(key)}`, { name: nameInput.value, schema: editor.saveSchema() });
        dirty = false;
        version.textContent = `v${result.version}`;
        say(root.dataset.textSaved.replace('{0}', result.version).replace('{1}', result.formKey), 'success');
      } catch (e) {
        say(e.message, 'danger');
      }
    };
    root.querySelector('[data-action="save"]').addEventListener('click', save);
    document.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        save();
      }
    });
    window.addEventListener('beforeunload', (e) => {
      if (dirty) {
        e.preventDefault();
        e.returnValue = '';
      }
    });
    say(root.dataset.textReady);
    root.setAttribute('data-ready', 'true');
  };

  start().catch((e) => say(`Không mở được trình thiết kế biểu mẫu: ${e.message}`, 'danger'));
}
