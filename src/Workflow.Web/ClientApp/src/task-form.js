// A task's designed form in the inbox: form-js's viewer with the task's current values; submitted values go to the
// server, which repeats the form's rules before completing the task. Loaded on demand by the inbox.
import { Form } from '@bpmn-io/form-js-viewer';
import { api } from './designer/common';

// form-js 1.x writes its validation messages in English only; the inbox shows them in Vietnamese.
const messages = [
  [/^Field is required\.$/, () => 'Trường này là bắt buộc.'],
  [/^Field must have minimum value of (.+)\.$/, (m) => `Giá trị không được nhỏ hơn ${m[1]}.`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `Giá trị không được lớn hơn ${m[1]}.`],
  [/^Field must have minimum length of (.+)\.$/, (m) => `Cần ít nhất ${m[1]} ký tự.`],
  [/^Field must have maximum length of (.+)\.$/, (m) => `Chỉ được tối đa ${m[1]} ký tự.`],
  [/^Field must match pattern .+\.$/, () => 'Không đúng định dạng yêu cầu.'],
  [/^Value is not a number\.$/, () => 'Giá trị phải là số.'],
  [/^Value is expected to be an integer\.$/, () => 'Giá trị phải là số nguyên.'],
  [/^Field must be a valid email\.$/, () => 'Cần một địa chỉ email hợp lệ.'],
];

function translateErrors(root) {
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    if (!node.parentElement?.closest('.fjs-form-field-error')) continue;
    const text = node.nodeValue.trim();
    for (const [pattern, say] of messages) {
      const match = text.match(pattern);
      if (match) {
        node.nodeValue = say(match);
        break;
      }
    }
  }
}

async function mount(container, { onDone, onError }) {
  const taskId = container.dataset.taskId;
  const view = await api(`/api/inbox/tasks/${taskId}/form`, undefined, 'GET');
  const host = container.querySelector('[data-form]');
  host.textContent = '';
  // No input debounce: a click on "send" right after typing must see what was typed.
  const form = new Form({ container: host, debounce: false });
  await form.importSchema(view.schema, view.data);
  new MutationObserver(() => translateErrors(host)).observe(host, { childList: true, subtree: true, characterData: true });
  container.querySelector('[data-form-name]').textContent = `${view.name} (v${view.version})`;
  const errorsBox = container.querySelector('[data-form-errors]');
  const submit = async () => {
    const { data, errors } = form.submit();
    if (Object.keys(errors).length > 0) return;
    try {
      await api(`/api/inbox/tasks/${taskId}/form`, { values: data });
      onDone?.();
    } catch (e) {
      errorsBox.textContent = e.message;
      errorsBox.classList.remove('d-none');
      onError?.(e.message);
    }
  };
  container.querySelector('[data-action="submit-form"]').addEventListener('click', submit);
  container.setAttribute('data-ready', 'true');
  return form;
}

window.taskForms = { mount };
