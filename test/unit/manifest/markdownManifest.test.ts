import * as assert from 'node:assert/strict';
import { findEntry, textOf, valueOf, type ManifestDocument } from '../../../src/core/manifest/manifestModel';
import { parseMarkdownManifest } from '../../../src/core/manifest/markdownManifest';
import type { SourceRange } from '../../../src/core/text/lineIndex';

/** [line, character, line, character] of a range. */
function at(r: SourceRange): [number, number, number, number] {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

function slice(doc: ManifestDocument, r: SourceRange): string {
  return doc.lines.text.slice(r.startOffset, r.endOffset);
}

describe('markdown manifest', () => {
  it('reads sections and entries with exact ranges', () => {
    const text = '# Run Manifest\n\n## Identity\n\n- run_id: abc-1\n- level: quick\n\n## Code\n- commit: 7c41e9a\n';
    const doc = parseMarkdownManifest(text);
    assert.deepEqual(doc.title?.text, 'Run Manifest');
    assert.deepEqual(at(doc.title!.range), [0, 2, 0, 14]);
    assert.deepEqual(doc.sections.map((s) => [s.name, s.known, at(s.nameRange)]), [
      ['Identity', 'Identity', [2, 3, 2, 11]],
      ['Code', 'Code', [7, 3, 7, 7]],
    ]);
    assert.deepEqual(at(doc.sections[0].range), [2, 0, 5, 14]);
    const runId = findEntry(doc, 'run_id')!;
    assert.equal(runId.section, 'Identity');
    assert.deepEqual(at(runId.keyRange), [4, 2, 4, 8]);
    assert.deepEqual(at(runId.valueRange), [4, 10, 4, 15]);
    assert.deepEqual(at(runId.range), [4, 0, 4, 15]);
    assert.equal(slice(doc, runId.valueRange), 'abc-1');
    assert.deepEqual(valueOf(doc, 'level'), 'quick');
    assert.equal(findEntry(doc, 'commit')!.sectionIndex, 1);
    assert.deepEqual(doc.problems, []);
  });

  it('keeps positions right with CRLF line ends and a BOM', () => {
    const text = '\uFEFF## Identity\r\n\r\n- run_id: r1\r\n- date: 2026-05-28\r\n';
    const doc = parseMarkdownManifest(text);
    assert.deepEqual(at(doc.sections[0].nameRange), [0, 4, 0, 12]);
    const date = findEntry(doc, 'date')!;
    assert.deepEqual(at(date.valueRange), [3, 8, 3, 18]);
    assert.equal(slice(doc, date.valueRange), '2026-05-28');
    assert.equal(date.raw, '2026-05-28');
    assert.equal(textOf(doc, 'run_id'), 'r1');
  });

  it('counts UTF-16 code units in Chinese text and emoji', () => {
    const text = '## Identity\n- purpose: 验证 MTP 吞吐 😀 提升\n- run_id: 运行-1\n';
    const doc = parseMarkdownManifest(text);
    const purpose = findEntry(doc, 'purpose')!;
    assert.equal(purpose.text, '验证 MTP 吞吐 😀 提升');
    assert.deepEqual(at(purpose.valueRange), [1, 11, 1, 11 + '验证 MTP 吞吐 😀 提升'.length]);
    assert.equal(slice(doc, findEntry(doc, 'run_id')!.valueRange), '运行-1');
  });

  it('handles tabs after the colon and in values', () => {
    const doc = parseMarkdownManifest('## Workload\n- dataset:\trandom\tset\n');
    const e = findEntry(doc, 'dataset')!;
    assert.equal(e.text, 'random\tset');
    assert.deepEqual(at(e.valueRange), [1, 11, 1, 21]);
  });

  it('splits key and value at the first colon, so URLs and times stay whole', () => {
    const doc = parseMarkdownManifest('## Service\n- api_url: http://127.0.0.1:18000/v1\n- healthcheck_result: ok at 10:15:30\n');
    assert.equal(textOf(doc, 'api_url'), 'http://127.0.0.1:18000/v1');
    assert.deepEqual(findEntry(doc, 'api_url')!.parsed, { ok: true, value: 'http://127.0.0.1:18000/v1' });
    assert.equal(textOf(doc, 'healthcheck_result'), 'ok at 10:15:30');
  });

  it('treats empty values, placeholders and "nothing" words as not filled, with an insertion point', () => {
    const text = '## Identity\n- run_id:\n- level: smoke | quick | full\n- purpose: N/A\n- date: TBD\n- operator_or_agent: 无\n';
    const doc = parseMarkdownManifest(text);
    for (const key of ['run_id', 'level', 'purpose', 'date', 'operator_or_agent']) assert.equal(findEntry(doc, key)!.filled, false, key);
    const runId = findEntry(doc, 'run_id')!;
    assert.deepEqual(at(runId.valueRange), [1, 9, 1, 9]);
    assert.equal(runId.parsed, null);
    assert.equal(valueOf(doc, 'level'), undefined);
  });

  it('unwraps inline code and autolinks but keeps the raw text', () => {
    const doc = parseMarkdownManifest('## Code\n- commit: `7c41e9a0`\n## Service\n- api_url: <http://h:1/v1>\n');
    const commit = findEntry(doc, 'commit')!;
    assert.equal(commit.raw, '`7c41e9a0`');
    assert.equal(commit.text, '7c41e9a0');
    assert.deepEqual(at(commit.valueRange), [1, 11, 1, 19]);
    assert.deepEqual(commit.parsed, { ok: true, value: '7c41e9a0' });
    assert.equal(textOf(doc, 'api_url'), 'http://h:1/v1');
  });

  it('accepts bold or code keys, other bullet markers and a full-width colon', () => {
    const doc = parseMarkdownManifest('## Identity\n- **run_id:** r1\n* **level**: quick\n+ `date`: 2026-05-28\n- purpose：中文冒号\n');
    assert.deepEqual(doc.entries.map((e) => [e.key, e.text]), [
      ['run_id', 'r1'],
      ['level', 'quick'],
      ['date', '2026-05-28'],
      ['purpose', '中文冒号'],
    ]);
    assert.deepEqual(at(findEntry(doc, 'run_id')!.keyRange), [1, 4, 1, 10]);
  });

  it('reads keys with spaces and capitals', () => {
    const doc = parseMarkdownManifest('## Environment\n- NPU model: Ascend 910B2\n- LD_LIBRARY_PATH additions: /opt/x\n');
    assert.deepEqual(doc.entries.map((e) => [e.key, e.spec?.key, e.text]), [
      ['NPU model', 'NPU model', 'Ascend 910B2'],
      ['LD_LIBRARY_PATH additions', 'LD_LIBRARY_PATH additions', '/opt/x'],
    ]);
  });

  it('reports lines in a section that are not `- key: value`, and ignores comments, rules and preamble', () => {
    const text = [
      '# Run Manifest',
      'Written by hand.',
      '## Notes',
      '',
      'Server restarted twice.',
      '',
      '<!-- reviewer: ok -->',
      '---',
      '- just a sentence',
      '-',
      '### Details',
      '- next_steps: rerun',
    ].join('\n');
    const doc = parseMarkdownManifest(text);
    assert.deepEqual(
      doc.problems.map((p) => [p.kind, p.range.start.line, slice(doc, p.range)]),
      [
        ['notEntry', 4, 'Server restarted twice.'],
        ['notEntry', 8, '- just a sentence'],
        ['notEntry', 9, '-'],
        ['notEntry', 10, '### Details'],
      ],
    );
    assert.deepEqual(doc.entries.map((e) => e.key), ['next_steps']);
  });

  it('folds continuation lines, nested lists and fenced code into the value', () => {
    const text = [
      '## Code',
      '- git_status_short:',
      '   M xllm/core/a.cpp',
      '- startup_command:',
      '  ```bash',
      '  xllm --port 8000',
      '  ```',
      '## Notes',
      '- known_risks:',
      '  - a',
      '  - b',
    ].join('\n');
    const doc = parseMarkdownManifest(text);
    assert.equal(textOf(doc, 'git_status_short'), 'M xllm/core/a.cpp');
    assert.equal(textOf(doc, 'startup_command'), '```bash\n  xllm --port 8000\n  ```');
    assert.equal(textOf(doc, 'known_risks'), '- a\n  - b');
    assert.deepEqual(doc.sections.map((s) => s.name), ['Code', 'Notes']);
    assert.deepEqual(doc.problems, []);
  });

  it('does not take a heading inside a fenced block for a section', () => {
    const doc = parseMarkdownManifest('## Notes\n```\n## Code\n- commit: x\n```\n- deviations: none\n');
    assert.deepEqual(doc.sections.map((s) => s.name), ['Notes']);
    assert.deepEqual(doc.entries.map((e) => e.key), ['deviations']);
    assert.equal(doc.problems.length, 1);
  });

  it('lets an open HTML block swallow heading lines as CommonMark does, and reads on after it', () => {
    const doc = parseMarkdownManifest('## Notes\n<div>\n## Code\n- commit: x\n\n## Model\n- dtype: bf16\n');
    assert.deepEqual(doc.sections.map((s) => s.name), ['Notes', 'Model']);
    assert.deepEqual(doc.entries.map((e) => e.key), ['dtype']);
  });

  it('reads a long indented value (fence, nested list) in a section that needs no CommonMark fallback', () => {
    const text = '## Service\n- startup_command:\n  ```bash\n  xllm \\\n    --port 8000\n  ```\n- service_pid: 42\n';
    const auto = parseMarkdownManifest(text);
    assert.deepEqual(auto.entries.map((e) => [e.key, e.text]), [
      ['startup_command', '```bash\n  xllm \\\n    --port 8000\n  ```'],
      ['service_pid', '42'],
    ]);
    assert.deepEqual(JSON.stringify(auto.entries), JSON.stringify(parseMarkdownManifest(text, { engine: 'mdast' }).entries));
  });

  it('reads setext and decorated headings, and marks unknown sections', () => {
    const doc = parseMarkdownManifest('Identity\n--------\n- run_id: a\n\n## **Code** ##\n- commit: abcdef1\n## identity\n');
    assert.deepEqual(doc.sections.map((s) => [s.name, s.known]), [
      ['Identity', 'Identity'],
      ['Code', 'Code'],
      ['identity', null],
    ]);
    assert.deepEqual(at(doc.sections[1].nameRange), [4, 5, 4, 9]);
  });

  it('keeps entries before the first section with no section', () => {
    const doc = parseMarkdownManifest('- run_id: early\n\n## Identity\n- level: quick\n');
    const e = findEntry(doc, 'run_id')!;
    assert.equal(e.section, null);
    assert.equal(e.sectionIndex, -1);
  });

  it('refuses text above the size limit with one problem', () => {
    const doc = parseMarkdownManifest('- a: b\n'.repeat(200_000));
    assert.deepEqual(doc.problems.map((p) => p.kind), ['tooLarge']);
    assert.equal(doc.entries.length, 0);
  });
});
