// Every file the build derives from the core's tables: JSON Schemas and manifest snippets.
import { renderJsonSchemaFiles } from './schemas/jsonSchemas';
import { renderManifestSnippetsFile } from './manifest/manifestSnippets';

/** Repository-relative path -> content. A test fails when a committed copy differs. */
export function renderGeneratedFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(renderJsonSchemaFiles())) out[`schemas/${name}`] = text;
  out['snippets/manifest.code-snippets.json'] = renderManifestSnippetsFile();
  return out;
}
