// The properties panel's "Hệ thống" group: pickers for what this product offers, so an admin does not have to type
// group names, form keys or topics. A candidate group is "Role:unit" (a unit id, or a variable such as
// ${subjectUnitId} that each instance fills in); forms are the product's own or those designed with form-js; topics are
// the ones the host runs itself. Everything stays editable as text in the Camunda groups below.
import { SelectEntry, isSelectEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';

const is = (element, type) => element?.businessObject?.$instanceOf?.(type);

function firstGroup(element) {
  const groups = element.businessObject.get('camunda:candidateGroups') || '';
  const first = groups.split(',').map((g) => g.trim()).find(Boolean) || '';
  const at = first.indexOf(':');
  return at < 0 ? { role: first, unit: '' } : { role: first.slice(0, at), unit: first.slice(at + 1) };
}

function setGroup(modeling, element, role, unit) {
  const value = role ? (unit ? `${role}:${unit}` : role) : undefined;
  modeling.updateProperties(element, { 'camunda:candidateGroups': value });
}

function RoleEntry({ element, id }) {
  const modeling = useService('modeling');
  const translate = useService('translate');
  const catalog = useService('config.productCatalog');
  return h(SelectEntry, {
    element, id, label: translate('Vai trò xử lý'),
    getValue: () => firstGroup(element).role,
    setValue: (role) => setGroup(modeling, element, role, firstGroup(element).unit || '${subjectUnitId}'),
    getOptions: () => [{ value: '', label: translate('<chưa chọn>') }, ...catalog.roles.map((r) => ({ value: r.id, label: `${r.name} (${r.id})` }))],
  });
}

function UnitEntry({ element, id }) {
  const modeling = useService('modeling');
  const translate = useService('translate');
  const catalog = useService('config.productCatalog');
  return h(SelectEntry, {
    element, id, label: translate('Thuộc đơn vị'),
    getValue: () => firstGroup(element).unit,
    setValue: (unit) => setGroup(modeling, element, firstGroup(element).role, unit),
    getOptions: () => {
      const current = firstGroup(element).unit;
      const options = [
        { value: '', label: translate('<mọi đơn vị>') },
        ...catalog.unitVariables.map((u) => ({ value: u.id, label: `${u.name} — ${u.id}` })),
        ...catalog.units.map((u) => ({ value: u.id, label: `${'· '.repeat(u.depth)}${u.name}` })),
      ];
      if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
      return options;
    },
  });
}

function FormEntry({ element, id }) {
  const modeling = useService('modeling');
  const translate = useService('translate');
  const catalog = useService('config.productCatalog');
  return h(SelectEntry, {
    element, id, label: translate('Biểu mẫu của hệ thống'),
    getValue: () => element.businessObject.get('camunda:formKey') || '',
    setValue: (value) => modeling.updateProperties(element, { 'camunda:formKey': value || undefined }),
    getOptions: () => {
      const current = element.businessObject.get('camunda:formKey');
      const options = [{ value: '', label: translate('<không có>') }, ...catalog.forms.map((f) => ({ value: f.key, label: f.name }))];
      if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
      return options;
    },
  });
}

function DueEntry({ element, id }) {
  const modeling = useService('modeling');
  const translate = useService('translate');
  const catalog = useService('config.productCatalog');
  return h(SelectEntry, {
    element, id, label: translate('Hạn xử lý'),
    getValue: () => element.businessObject.get('camunda:dueDate') || '',
    setValue: (value) => modeling.updateProperties(element, { 'camunda:dueDate': value || undefined }),
    getOptions: () => {
      const current = element.businessObject.get('camunda:dueDate');
      const options = [{ value: '', label: translate('<không có hạn>') }, ...catalog.dueDates.map((d) => ({ value: d.id, label: `${d.name} — ${d.id}` }))];
      if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
      return options;
    },
  });
}

function TopicEntry({ element, id }) {
  const modeling = useService('modeling');
  const translate = useService('translate');
  const catalog = useService('config.productCatalog');
  return h(SelectEntry, {
    element, id, label: translate('Chủ đề xử lý'),
    getValue: () => element.businessObject.get('camunda:topic') || '',
    setValue: (topic) => modeling.updateProperties(element, topic
      ? { 'camunda:type': 'external', 'camunda:topic': topic }
      : { 'camunda:topic': undefined }),
    getOptions: () => {
      const current = element.businessObject.get('camunda:topic');
      const options = [{ value: '', label: translate('<chưa chọn>') }, ...catalog.topics.map((t) => ({ value: t, label: t }))];
      if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: `${current} (${translate('bộ xử lý bên ngoài')})` });
      return options;
    },
  });
}

class ProductPropertiesProvider {
  constructor(propertiesPanel, translate) {
    this._translate = translate;
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element) {
    return (groups) => {
      const entries = [];
      if (is(element, 'bpmn:UserTask')) {
        entries.push(
          { id: 'product-role', component: RoleEntry, isEdited: isSelectEntryEdited },
          { id: 'product-unit', component: UnitEntry, isEdited: isSelectEntryEdited },
          { id: 'product-form', component: FormEntry, isEdited: isSelectEntryEdited },
          { id: 'product-due', component: DueEntry, isEdited: isSelectEntryEdited },
        );
      } else if (is(element, 'bpmn:ServiceTask') || is(element, 'bpmn:SendTask')) {
        entries.push({ id: 'product-topic', component: TopicEntry, isEdited: isSelectEntryEdited });
      }

      if (entries.length) {
        const at = groups.findIndex((g) => g.id === 'general');
        groups.splice(at < 0 ? 0 : at + 1, 0, { id: 'product', label: this._translate('Hệ thống'), entries });
      }

      return groups;
    };
  }
}
ProductPropertiesProvider.$inject = ['propertiesPanel', 'translate'];

// The palette offers what our engine runs: no pools, data objects or data stores.
class PaletteFilter {
  constructor(palette) {
    palette.registerProvider(100, this);
  }

  getPaletteEntries() {
    return (entries) => {
      for (const key of ['create.participant-expanded', 'create.data-object', 'create.data-store']) delete entries[key];
      return entries;
    };
  }
}
PaletteFilter.$inject = ['palette'];

/**
 * The "change type" menu offers only what our engine runs (Workflow.Engine's BpmnReader refuses the rest): no script
 * or business-rule task, transaction, ad-hoc or event sub-process, complex gateway, throwing intermediate event, or
 * signal, escalation, compensation, conditional, link and cancel events.
 */
const UNSUPPORTED = ['script-task', 'rule-task', 'transaction', 'ad-hoc', 'event-subprocess', 'complex-gateway', 'intermediate-throw',
  'signal', 'escalation', 'compensation', 'conditional-start', 'conditional-intermediate', 'conditional-boundary', 'link-', 'cancel-', 'error-start'];

class ReplaceMenuFilter {
  constructor(popupMenu) {
    popupMenu.registerProvider('bpmn-replace', 100, this);
  }

  getPopupMenuEntries() {
    return (entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => !UNSUPPORTED.some((word) => id.includes(word))));
  }
}
ReplaceMenuFilter.$inject = ['popupMenu'];

export const ProductPropertiesModule = {
  __init__: ['productPropertiesProvider', 'paletteFilter', 'replaceMenuFilter'],
  productPropertiesProvider: ['type', ProductPropertiesProvider],
  paletteFilter: ['type', PaletteFilter],
  replaceMenuFilter: ['type', ReplaceMenuFilter],
};
