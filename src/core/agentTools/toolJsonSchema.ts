// Tool schemas as JSON Schema (draft-07, like schemas/*.json) and as VS Code `languageModelTools`
// contributions: generated from the zod schemas, so package.json, MCP and skills cannot drift apart.
import { z } from 'zod';
import type { AgentTool } from './agentTool';

export type JsonSchemaObject = { type: 'object'; [key: string]: unknown };

function render(schema: z.ZodType): JsonSchemaObject {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  if (json.type !== 'object') throw new Error('agent tool schemas must describe a JSON object');
  return json as JsonSchemaObject;
}

export function toolInputJsonSchema(tool: AgentTool): JsonSchemaObject {
  return render(tool.inputSchema);
}

export function toolOutputJsonSchema(tool: AgentTool): JsonSchemaObject {
  return render(tool.outputSchema);
}

/** The package.json `contributes.languageModelTools` entry of a tool; titles come from package.nls*.json. */
export interface LanguageModelToolContribution {
  name: string;
  displayName: string;
  toolReferenceName: string;
  canBeReferencedInPrompt: boolean;
  modelDescription: string;
  userDescription: string;
  tags: string[];
  inputSchema: JsonSchemaObject;
}

export function nlsKeyOfTool(tool: AgentTool): string {
  return `lmTool.${tool.name}`;
}

export function languageModelToolContribution(tool: AgentTool): LanguageModelToolContribution {
  return {
    name: tool.name,
    displayName: `%${nlsKeyOfTool(tool)}%`,
    toolReferenceName: tool.name.replace(/^xllm_/, 'xllm-').replace(/_/g, '-'),
    canBeReferencedInPrompt: true,
    modelDescription: tool.description,
    userDescription: `%${nlsKeyOfTool(tool)}%`,
    tags: ['xllm', ...(tool.remote ? ['remote'] : [])],
    inputSchema: toolInputJsonSchema(tool),
  };
}
