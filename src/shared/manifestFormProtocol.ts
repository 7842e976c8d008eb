// Messages between the manifest form editor (webview) and its host, each with a type guard.

export interface FormDiagnostic {
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly code: string;
  readonly message: string;
}

export interface FormField {
  readonly key: string;
  readonly value: string;
  readonly present: boolean;
  readonly type: string;
  readonly values?: readonly string[];
  readonly doc: string;
  readonly diagnostics: readonly FormDiagnostic[];
}

export interface FormSection {
  readonly name: string;
  readonly present: boolean;
  readonly fields: readonly FormField[];
}

export interface FormState {
  readonly fileName: string;
  readonly format: 'markdown' | 'yaml';
  readonly grade: { readonly grade: 'formal' | 'debug'; readonly reasons: readonly string[] } | null;
  readonly sections: readonly FormSection[];
  /** Diagnostics not tied to one field (structure, unknown keys). */
  readonly general: readonly FormDiagnostic[];
  readonly labels: Readonly<Record<string, string>>;
}

/** host -> webview */
export type HostToFormMessage = { readonly type: 'state'; readonly state: FormState };

/** webview -> host */
export type FormToHostMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'edit'; readonly section: string; readonly key: string; readonly value: string }
  | { readonly type: 'openText' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function isFormToHostMessage(v: unknown): v is FormToHostMessage {
  if (!isObject(v) || typeof v.type !== 'string') return false;
  switch (v.type) {
    case 'ready':
    case 'openText':
      return true;
    case 'edit':
      return typeof v.section === 'string' && typeof v.key === 'string' && typeof v.value === 'string' && v.value.length < 10_000 && v.key.length < 200;
    default:
      return false;
  }
}

export function isHostToFormMessage(v: unknown): v is HostToFormMessage {
  return isObject(v) && v.type === 'state' && isObject(v.state) && Array.isArray((v.state as Record<string, unknown>).sections);
}
