// Parsed manifests per open document version, so completion, hover and validation parse once per edit.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseManifestFile } from '../core/manifest/manifestFields';
import type { ManifestDocument } from '../core/manifest/manifestModel';

export class ManifestCache {
  private readonly cache = new Map<string, { version: number; doc: ManifestDocument }>();

  static isManifest(uri: string): boolean {
    return /\/manifest\.(md|ya?ml)$/i.test(uri);
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
