// Parsed manifests per open document version, so completion, hover and validation parse once per edit.
import picomatch from 'picomatch';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { parseManifestFile } from '../core/manifest/manifestFields';
import type { ManifestDocument } from '../core/manifest/manifestModel';

export class ManifestCache {
  private readonly cache = new Map<string, { version: number; doc: ManifestDocument }>();
  private extra: (file: string) => boolean = () => false;

  /** Files matching the `xllm.manifests.globs` setting are manifests too, whatever their name. */
  setGlobs(globs: readonly string[]): void {
    // Setting globs are relative to a workspace folder: match them at any depth of the absolute path.
    const patterns = globs.map((g) => (g.startsWith('**/') || g.startsWith('/') ? g : `**/${g}`));
    const match = patterns.length ? picomatch(patterns, { dot: true }) : () => false;
    this.extra = (file) => match(file.replace(/\\/g, '/'));
  }

  isManifest(uri: string): boolean {
    return /\/manifest\.(md|ya?ml)$/i.test(uri) || this.extra(URI.parse(uri).fsPath);
  }

  get(document: TextDocument): ManifestDocument {
    const hit = this.cache.get(document.uri);
    if (hit && hit.version === document.version) return hit.doc;
    const doc = parseManifestFile(document.getText(), document.uri);
    this.cache.set(document.uri, { version: document.version, doc });
    return doc;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
