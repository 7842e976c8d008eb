// VS Code snippets for manifest sections, generated from the key table (the build writes snippets/).
import { SECTION_NAMES, keysOf } from './manifestSpec';

interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}

/** Enum keys become choice placeholders (`${5|smoke,quick,full|}`). */
export function manifestSnippets(): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  for (const section of SECTION_NAMES) {
    const body = [`## ${section}`, ''];
    keysOf(section).forEach((spec, i) => {
      const tab = i + 1;
      body.push(`- ${spec.key}: ${spec.values ? `\${${tab}|${spec.values.join(',')}|}` : `\${${tab}}`}`);
    });
    out[`Manifest section: ${section}`] = { prefix: [`xllm-${section.toLowerCase()}`], body, description: `xLLM run manifest ${section} section with every key in template order` };
  }
  const all = ['# Run Manifest', ''];
  for (const section of SECTION_NAMES) all.push(`## ${section}`, '', ...keysOf(section).map((k) => `- ${k.key}:`), '');
  out['Run manifest (all sections)'] = { prefix: ['xllm-manifest'], body: all, description: 'The whole xLLM run manifest template' };
  return out;
}

export function renderManifestSnippetsFile(): string {
  return JSON.stringify(manifestSnippets(), null, 2) + '\n';
}
