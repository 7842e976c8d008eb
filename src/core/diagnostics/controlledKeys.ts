// The parameters a before/after comparison holds equal (rule 5), shared by the rules and the per-run records they read.
/** Parameters a before/after comparison must hold equal, except the one that is the experiment (rule 5). */
export const CONTROLLED_KEYS = [
  // devices and their order
  'NPU model',
  'physical_device_ids',
  'ASCEND_RT_VISIBLE_DEVICES',
  // model
  'model_name',
  'tokenizer_path',
  'dtype',
  'tensor_parallel',
  'pipeline_parallel',
  'speculative_tokens',
  'draft_model_path',
  // workload
  'dataset',
  'input_tokens',
  'output_tokens',
  'parallel',
  'number',
  'warmup_num',
  'stream',
  'max_tokens',
  'max_prompt_length',
  // sampling
  'temperature',
  'top_p',
  'top_k',
  'seed',
  'extra_body',
  // startup parameters
  'graph_enabled',
  'schedule_overlap',
  'chunked_prefill',
  'prefix_cache',
  'block_size',
  'max_memory_utilization',
  'max_tokens_per_batch',
  'max_seqs_per_batch',
] as const;
