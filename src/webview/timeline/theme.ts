// Colors of the canvas, read from VS Code's theme variables (light, dark, high contrast) and refreshed
// when the theme changes; slice colors derive from a hash of the name so a kernel keeps its color.

export interface Palette {
  readonly dark: boolean;
  readonly highContrast: boolean;
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly border: string;
  readonly headerBackground: string;
  readonly processBackground: string;
  readonly labelBackground: string;
  readonly focus: string;
  readonly selection: string;
  readonly rangeFill: string;
  readonly flow: string;
  readonly counter: string;
  readonly counterFill: string;
  readonly searchHit: string;
  /** Outline of slices the patch touches (the editor gutter's "modified" color). */
  readonly patch: string;
  /** Slices of the function at the editor's cursor. */
  readonly cursor: string;
  readonly font: string;
  readonly boldFont: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

export function readPalette(doc: Document): Palette {
  const body = doc.body;
  const style = getComputedStyle(body);
  const dark = body.classList.contains('vscode-dark') || body.classList.contains('vscode-high-contrast') && !body.classList.contains('vscode-high-contrast-light');
  const highContrast = body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light');
  const fg = cssVar(style, '--vscode-foreground', dark ? '#cccccc' : '#3b3b3b');
  const family = cssVar(style, '--vscode-font-family', 'system-ui, sans-serif');
  return {
    dark,
    highContrast,
    background: cssVar(style, '--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
    foreground: fg,
    muted: cssVar(style, '--vscode-descriptionForeground', dark ? '#9d9d9d' : '#717171'),
    border: cssVar(style, '--vscode-editorGroup-border', dark ? '#444444' : '#e5e5e5'),
    headerBackground: cssVar(style, '--vscode-sideBarSectionHeader-background', dark ? '#2a2a2a' : '#f0f0f0'),
    processBackground: cssVar(style, '--vscode-editorWidget-background', dark ? '#252526' : '#f8f8f8'),
    labelBackground: cssVar(style, '--vscode-sideBar-background', dark ? '#181818' : '#f8f8f8'),
    focus: cssVar(style, '--vscode-focusBorder', '#0078d4'),
    selection: cssVar(style, '--vscode-editorCursor-foreground', dark ? '#ffffff' : '#000000'),
    rangeFill: cssVar(style, '--vscode-editor-selectionBackground', dark ? '#264f78' : '#add6ff'),
    flow: cssVar(style, '--vscode-charts-orange', '#d18616'),
    counter: cssVar(style, '--vscode-charts-blue', '#3794ff'),
    counterFill: cssVar(style, '--vscode-charts-blue', '#3794ff'),
    searchHit: cssVar(style, '--vscode-editor-findMatchHighlightBackground', dark ? '#ea5c0055' : '#ea5c0055'),
    patch: cssVar(style, '--vscode-editorGutter-modifiedBackground', dark ? '#1b81a8' : '#2090d3'),
    cursor: cssVar(style, '--vscode-charts-purple', dark ? '#b180d7' : '#652d90'),
    font: `11px ${family}`,
    boldFont: `600 12px ${family}`,
  };
}

/** FNV-1a of a string (stable across sessions and machines). */
export function nameHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Kernel names `aclnn<Api>_<Impl>_<OpType>` color by op type, so all MatMulV2 calls match. */
export function colorKey(name: string): string {
  const m = /^aclnn\w*?_\w+?_(\w+)$/.exec(name);
  if (m) return m[1];
  if (name.startsWith('hcom_')) return name.replace(/_\d+.*$/, '');
  return name.replace(/\d+/g, '#');
}

const IDLE = /^(Free|Idle|idle)$/;

export interface SliceColor {
  readonly fill: string;
  readonly text: string;
}

/** Color of a slice name for a palette; communication is always in warm hues, idle in grey. */
export function sliceColor(name: string, p: Palette): SliceColor {
  if (IDLE.test(name)) return { fill: p.dark ? '#4a4a4a' : '#c8c8c8', text: p.dark ? '#e0e0e0' : '#202020' };
  const key = colorKey(name);
  const h = nameHash(key);
  let hue = h % 360;
  if (/^(hcom|Hccl|HCCL|allReduce|AllReduce|Notify|Memcpy|Communication)/.test(name)) hue = 20 + (h % 30);
  const sat = 45 + ((h >>> 9) % 20);
  const light = p.dark ? 38 + ((h >>> 17) % 12) : 62 + ((h >>> 17) % 14);
  return { fill: `hsl(${hue} ${sat}% ${light}%)`, text: p.dark ? '#f2f2f2' : '#1a1a1a' };
}
