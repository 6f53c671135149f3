// The process modeler: bpmn-js with the properties panel and the Camunda 7 moddle, the product's pickers, Vietnamese
// labels, live validation by the server (the engine's own reader and validator) shown on the elements and in a list,
// drafts saved server-side, publish (disabled while errors remain), import and export.
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { TranslateModule, LanguageKey, currentLanguage } from './i18n';
import { ProductPropertiesModule } from './product-properties';
import { MakeSpaceModule } from './make-space';
import { api, escapeHtml } from './common';

export async function startModeler(root) {
  const key = root.dataset.key;
  const status = root.querySelector('[data-status]');
  const problemList = root.querySelector('[data-testid="problems"]');
  const problemCount = root.querySelector('[data-problem-count]');
  const publishButton = root.querySelector('[data-action="publish"]');
  const saveButton = root.querySelector('[data-action="save"]');
  const discardButton = root.querySelector('[data-action="discard"]');
  const draftBadge = root.querySelector('[data-testid="draft-state"]');
  const say = (text, tone = 'secondary') => {
    status.className = `small text-${tone}`;
    status.textContent = text;
  };

  const [catalog, opened] = await Promise.all([api('/api/admin/designer/catalog', undefined, 'GET'), api(`/api/admin/processes/${encodeURIComponent(key)}`, undefined, 'GET')]);
  const modeler = new Modeler({
    container: root.querySelector('[data-canvas]'),
    propertiesPanel: { parent: root.querySelector('[data-properties]') },
    additionalModules: [
      TranslateModule, BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule, CamundaBehaviorsModule,
      ProductPropertiesModule, MakeSpaceModule,
    ],
    moddleExtensions: { camunda: camundaModdle },
    productCatalog: catalog,
  });
  window.designer = modeler; // for the browser tests and the curious

  let isDraft = opened.isDraft;
  let dirty = false;
  let errors = 0;
  let validating = null;
  let sequence = 0;

  const overlays = modeler.get('overlays');
  const canvas = modeler.get('canvas');
  const registry = modeler.get('elementRegistry');
  const marked = new Set();

  // The whole diagram in view, right of the palette (which floats over the canvas's left edge), never above 100%.
  function fitBesidePalette() {
    canvas.zoom('fit-viewport', 'auto');
    const { inner, outer } = canvas.viewbox();
    const container = root.querySelector('[data-canvas]');
    const palette = container.querySelector('.djs-palette');
    if (!inner.width || !inner.height || !palette) return;
    const left = palette.getBoundingClientRect().right - container.getBoundingClientRect().left + 24;
    const scale = Math.min(1, (outer.width - left - 24) / inner.width, (outer.height - 48) / inner.height);
    if (!(scale > 0)) return;
    canvas.viewbox({
      x: inner.x - (left / scale), y: inner.y - (((outer.height / scale) - inner.height) / 2),
      width: outer.width / scale, height: outer.height / scale,
    });
  }

  function setDraftState() {
    draftBadge.textContent = isDraft
      ? root.dataset.textDraft
      : (opened.latestVersion ? root.dataset.textPublished.replace('{0}', opened.latestVersion) : root.dataset.textNew);
    draftBadge.className = `badge ${isDraft ? 'text-bg-warning' : 'text-bg-success'}`;
    discardButton.disabled = !isDraft;
    publishButton.disabled = errors > 0 || (!isDraft && !dirty);
    saveButton.disabled = !dirty;
  }

  function showProblems(problems) {
    overlays.remove({ type: 'problem' });
    for (const id of marked) {
      if (registry.get(id)) {
        canvas.removeMarker(id, 'has-error');
        canvas.removeMarker(id, 'has-warning');
      }
    }
    marked.clear();
    errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    problemCount.textContent = problems.length === 0 ? root.dataset.textNoProblems : root.dataset.textProblems.replace('{0}', errors).replace('{1}', warnings);
    problemCount.className = `badge ${errors ? 'text-bg-danger' : warnings ? 'text-bg-warning' : 'text-bg-success'}`;
    problemList.innerHTML = '';
    const byElement = new Map();
    for (const p of problems) {
      const item = document.createElement('li');
      item.className = `list-group-item list-group-item-action py-1 small ${p.severity === 'error' ? 'text-danger' : 'text-warning-emphasis'}`;
      item.dataset.severity = p.severity;
      item.dataset.elementId = p.elementId ?? '';
      item.tabIndex = 0;
      item.innerHTML = `<i class="bi ${p.severity === 'error' ? 'bi-x-octagon-fill' : 'bi-exclamation-triangle-fill'} me-1" aria-hidden="true"></i>`
        + `<strong>${escapeHtml(p.elementName || p.elementId || key)}</strong>: ${escapeHtml(p.message)}`;
      const focus = () => {
        const element = p.elementId && registry.get(p.elementId);
        if (element) {
          modeler.get('selection').select(element);
          canvas.scrollToElement(element);
        }
      };
      item.addEventListener('click', focus);
      item.addEventListener('keydown', (e) => { if (e.key === 'Enter') focus(); });
      problemList.append(item);
      if (p.elementId && registry.get(p.elementId) && registry.get(p.elementId).type !== 'bpmn:Process') {
        (byElement.get(p.elementId) ?? byElement.set(p.elementId, []).get(p.elementId)).push(p);
      }
    }

    for (const [id, list] of byElement) {
      const hasError = list.some((p) => p.severity === 'error');
      canvas.addMarker(id, hasError ? 'has-error' : 'has-warning');
      marked.add(id);
      const badge = document.createElement('div');
      badge.className = `problem-badge ${hasError ? 'error' : 'warning'}`;
      badge.dataset.testid = 'problem-marker';
      badge.dataset.elementId = id;
      badge.title = list.map((p) => p.message).join('\n');
      badge.textContent = String(list.length);
      overlays.add(id, 'problem', { position: { top: -10, right: 10 }, html: badge });
    }

    setDraftState();
  }

  async function validate() {
    const mine = ++sequence;
    const { xml } = await modeler.saveXML({ format: true });
    try {
      const result = await api('/api/admin/processes/validate', { xml });
      if (mine === sequence) showProblems(result.problems);
    } catch (e) {
      if (mine === sequence) {
        errors = 1;
        showProblems([{ severity: 'error', message: e.message, elementId: null }]);
      }
    }
  }

  function scheduleValidation() {
    clearTimeout(validating);
    validating = setTimeout(validate, 400);
  }

  async function save() {
    const { xml } = await modeler.saveXML({ format: true });
    say(root.dataset.textSaving);
    try {
      const result = await api(`/api/admin/processes/${encodeURIComponent(key)}/draft`, { xml }, 'PUT');
      isDraft = true;
      dirty = false;
      showProblems(result.problems);
      say(root.dataset.textSaved, 'success');
      return true;
    } catch (e) {
      say(e.message, 'danger');
      return false;
    }
  }

  await modeler.importXML(opened.xml);
  fitBesidePalette();
  showProblems(opened.problems);
  modeler.on('commandStack.changed', () => {
    dirty = true;
    setDraftState();
    say(root.dataset.textUnsaved, 'warning');
    scheduleValidation();
  });

  saveButton.addEventListener('click', save);
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      save();
    }
  });

  publishButton.addEventListener('click', async () => {
    if (!window.confirm(root.dataset.textConfirmPublish)) return;
    if ((dirty || !isDraft) && !(await save())) return;
    try {
      publishButton.disabled = true;
      const result = await api(`/api/admin/processes/${encodeURIComponent(key)}/publish`, {});
      opened.latestVersion = result.version;
      isDraft = false;
      dirty = false;
      setDraftState();
      say(root.dataset.textPublishedNow.replace('{0}', result.version), 'success');
      root.dispatchEvent(new CustomEvent('published', { detail: result }));
    } catch (e) {
      say(e.message, 'danger');
      setDraftState();
    }
  });

  discardButton.addEventListener('click', async () => {
    if (!window.confirm(root.dataset.textConfirmDiscard)) return;
    try {
      await api(`/api/admin/processes/${encodeURIComponent(key)}/draft`, undefined, 'DELETE');
      dirty = false;
      window.location.reload();
    } catch (e) {
      say(e.message, 'danger');
    }
  });

  root.querySelector('[data-action="export"]').addEventListener('click', async () => {
    const { xml } = await modeler.saveXML({ format: true });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    link.download = `${key}.bpmn`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });

  const language = root.querySelector('[data-language]');
  language.value = currentLanguage();
  language.addEventListener('change', () => {
    if (dirty && !window.confirm(root.dataset.textConfirmLanguage)) {
      language.value = currentLanguage();
      return;
    }
    window.localStorage.setItem(LanguageKey, language.value);
    dirty = false;
    window.location.reload();
  });

  window.addEventListener('beforeunload', (e) => {
    if (dirty) {
      e.preventDefault();
      e.returnValue = '';
    }
  });

  setDraftState();
  say(isDraft ? root.dataset.textDraftOpened : root.dataset.textVersionOpened);
  return modeler;
}
