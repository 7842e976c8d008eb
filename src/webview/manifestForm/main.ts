// The Run Manifest Form: sections as groups, enums as dropdowns, diagnostics beside their fields.
import { isHostToFormMessage, type FormField, type FormState, type FormToHostMessage } from '../../shared/manifestFormProtocol';
import './form.css';

declare function acquireVsCodeApi(): { postMessage(message: FormToHostMessage): void };
const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function fieldInput(section: string, field: FormField, id: string): HTMLElement {
  const send = (value: string) => {
    if (value !== field.value) vscode.postMessage({ type: 'edit', section, key: field.key, value });
  };
  const choices = field.values ?? (field.type === 'boolean' ? ['true', 'false'] : undefined);
  if (choices) {
    const select = el('select', { id, 'data-key': field.key });
    const blank = el('option', { value: '' }, '');
    select.append(blank, ...choices.map((v) => el('option', { value: v }, v)));
    if (field.value && !choices.includes(field.value)) select.append(el('option', { value: field.value }, field.value));
    select.value = field.value;
    select.addEventListener('change', () => send(select.value));
    return select;
  }
  const input = el('input', { id, type: 'text', 'data-key': field.key, spellcheck: 'false' });
  input.value = field.value;
  input.addEventListener('change', () => send(input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') send(input.value);
    if (e.key === 'Escape') input.value = field.value;
  });
  return input;
}

function render(state: FormState): void {
  const focused = (document.activeElement as HTMLElement | null)?.id;
  app.replaceChildren();
  const banner = el('div', { class: `banner ${state.grade?.grade ?? 'unknown'}`, role: 'status' });
  if (state.grade) {
    banner.append(el('strong', {}, state.grade.grade === 'formal' ? state.labels.formal : state.labels.debug));
    if (state.grade.reasons.length) {
      const ul = el('ul');
      for (const r of state.grade.reasons) ul.append(el('li', {}, r));
      banner.append(ul);
    }
  }
  const open = el('button', { type: 'button', class: 'link' }, state.labels.openText);
  open.addEventListener('click', () => vscode.postMessage({ type: 'openText' }));
  banner.append(open);
  app.append(banner);
  for (const d of state.general) app.append(el('div', { class: `diag ${d.severity}` }, `${d.code}: ${d.message}`));

  for (const section of state.sections) {
    const fs = el('fieldset', { class: section.present ? '' : 'absent' });
    fs.append(el('legend', {}, section.name));
    for (const field of section.fields) {
      const id = `f-${section.name}-${field.key}`.replace(/[^\w-]/g, '_');
      const row = el('div', { class: `row${field.present ? '' : ' absent'}` });
      const label = el('label', { for: id, title: field.doc }, field.key);
      row.append(label, fieldInput(section.name, field, id));
      for (const d of field.diagnostics) row.append(el('div', { class: `diag ${d.severity}`, role: d.severity === 'error' ? 'alert' : 'note' }, `${d.code}: ${d.message}`));
      fs.append(row);
    }
    app.append(fs);
  }
  if (focused) document.getElementById(focused)?.focus();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToFormMessage(event.data)) render(event.data.state);
});
vscode.postMessage({ type: 'ready' });
