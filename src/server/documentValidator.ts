// Validates open manifests and JSON artifacts with the core rules, debounced per document.
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { LSP_SEVERITY, type Diagnostic } from '../core/diagnostics/diagnostic';
import { artifactKindOf, validateArtifactJson } from '../core/diagnostics/artifactJson';
import { checkText } from '../core/diagnostics/inputChecks';
import { loadRunContext } from '../core/diagnostics/runContext';
import { validateManifestDocument } from '../core/diagnostics/validateManifest';
import type { ValidationContext } from '../core/diagnostics/validationContext';
import type { Locale } from '../core/i18n/locale';
import { SCHEMA_REPORTED_CODES, coveredByJsonValidation, coveredByYamlValidation } from '../core/schemas/editorSchemaAssociations';
import type { ManifestCache } from './manifestCache';
import type { WorkspaceRuns } from './workspaceRuns';

const DEBOUNCE_MS = 200;

export class DocumentValidator {
  private timers = new Map<string, NodeJS.Timeout>();
  /** Core diagnostics of each validated document, for hovers and quick fixes. */
  private readonly last = new Map<string, Diagnostic[]>();

  constructor(
    private readonly manifests: ManifestCache,
    private readonly workspace: WorkspaceRuns,
    private readonly publish: (uri: string, diagnostics: LspDiagnostic[]) => void,
    private readonly locale: () => Locale,
    private readonly docsBase: () => string,
    private readonly yamlExtension: () => boolean,
  ) {}

  schedule(document: TextDocument): void {
    const pending = this.timers.get(document.uri);
    if (pending) clearTimeout(pending);
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        void this.validate(document).catch(() => undefined);
      }, DEBOUNCE_MS),
    );
  }

  clear(uri: string): void {
    this.last.delete(uri);
    this.publish(uri, []);
  }

  diagnosticsOf(uri: string): readonly Diagnostic[] {
    return this.last.get(uri) ?? [];
  }

  async validate(document: TextDocument): Promise<Diagnostic[]> {
    const uri = document.uri;
    const file = URI.parse(uri).fsPath;
    const locale = this.locale();
    let diagnostics: Diagnostic[];
    if (this.manifests.isManifest(uri)) {
      const check = checkText(document.getText(), locale);
      if (!check.ok) diagnostics = check.diagnostics;
      else diagnostics = [...check.warnings, ...validateManifestDocument(this.manifests.get(document), { fileName: file, locale, context: await this.contextFor(file) })];
    } else {
      const kind = artifactKindOf(file);
      diagnostics = kind ? validateArtifactJson(kind, document.getText(), { locale }) : [];
    }
    this.last.set(uri, diagnostics);
    this.publish(uri, this.notShownByEditor(file, diagnostics).map((d) => this.toLsp(d)));
    return diagnostics;
  }

  /** VS Code's JSON support (and the YAML extension) already report schema problems of these files: show them once. */
  private notShownByEditor(file: string, diagnostics: Diagnostic[]): Diagnostic[] {
    if (coveredByJsonValidation(file)) return diagnostics.filter((d) => !SCHEMA_REPORTED_CODES.json.has(d.code));
    if (this.yamlExtension() && coveredByYamlValidation(file)) return diagnostics.filter((d) => !SCHEMA_REPORTED_CODES.yaml.has(d.code));
    return diagnostics;
  }

  private async contextFor(file: string): Promise<ValidationContext> {
    const run = this.workspace.runContaining(file);
    if (!run) return {};
    return loadRunContext(run.root, { kind: run.kind === 'other' ? undefined : run.kind, runs: await this.workspace.runRecords() });
  }

  private toLsp(d: Diagnostic): LspDiagnostic {
    return {
      range: d.range,
      severity: LSP_SEVERITY[d.severity],
      code: d.code,
      codeDescription: { href: `${this.docsBase()}#${d.code.toLowerCase()}` },
      source: d.source,
      message: d.message,
      data: d.data,
    };
  }
}
