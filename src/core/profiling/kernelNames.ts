// What a device task name says about its operator: `aclnn<Api>_<Impl>_<OpType>`, `hcom_<op>__<n>_<n>_<n>`.

/** OP Type of a device task name (the key the kernel table groups by; never the unique Op Name). */
export function opTypeOfTaskName(name: string): string {
  const hcom = /^(hcom_[A-Za-z]+_)_\d+(_\d+)*$/.exec(name);
  if (hcom) return hcom[1];
  if (name.startsWith('aclnn')) {
    const last = name.lastIndexOf('_');
    if (last > 0 && last < name.length - 1) return name.slice(last + 1);
  }
  // Numbered instances (`trans_TransData_0`) share their type.
  return name.replace(/(_\d+)+$/, '');
}

/** Whether a device task is a collective (HCCL) operation. */
export function isCommunicationName(name: string): boolean {
  return /^hcom_/i.test(name) || /^(allreduce|allgather|reducescatter|broadcast|alltoall|send|receive)/i.test(name);
}

/** Core type guessed from the implementation part of an aclnn kernel name. */
export function coreTypeOfTaskName(name: string): string | null {
  if (/^hcom_/.test(name)) return 'HCCL';
  if (/AiCore/.test(name)) return 'AI_CORE';
  if (/AiVector|AIV|Vector/.test(name)) return 'AI_VECTOR_CORE';
  if (/AiCpu/i.test(name)) return 'AI_CPU';
  return null;
}

// Device tasks that are not kernels: stream sync, HCCL sub-tasks, copies, launches, profiler marks.
const NOT_KERNEL = new Set(['Notify Wait', 'Notify Record', 'Write Value', 'Memcpy', 'Reduce Inline', 'Reduce_Inline', 'GraphLaunch']);

/** Whether a device task name is a kernel (or collective) rather than a sync/copy/launch task. */
export function isKernelTaskName(name: string): boolean {
  return !NOT_KERNEL.has(name) && !/^[A-Z0-9_ ]+$/.test(name);
}
