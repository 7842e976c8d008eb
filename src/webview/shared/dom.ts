// DOM building shared by the webview pages (each page is its own bundle; these are inlined into each).

/** A new element with an optional class and text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A table head of column headers (scope col); numeric columns get the right-aligned class. */
export function tableHead(columns: readonly (readonly [label: string, numeric: boolean])[], numericClass = 'tl-num'): HTMLTableSectionElement {
  const head = el('tr');
  for (const [label, numeric] of columns) {
    const th = el('th', numeric ? numericClass : undefined, label);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  return thead;
}
