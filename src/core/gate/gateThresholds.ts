// The limits behind "heavily used", "near 0" and "moved noticeably" in the precheck gate; all configurable.

export interface GateThresholds {
  /** Fraction of device memory (HBM, or DDR on 310P) already used before the service starts that fails a card. */
  readonly hbmBusyFraction: number;
  /** AICore % before the service starts above which the card is busy. */
  readonly aicoreBusyPercent: number;
  /** Idle AICore % (any sample) above which the card is not idle once the service is up. */
  readonly idleAicorePercent: number;
  /** 1-minute load change that counts as moved: more than max(abs, rel x load before). */
  readonly loadDeltaAbs: number;
  readonly loadDeltaRel: number;
  /** Swap-used change, in MiB, that counts as moved (free -h rounds to about 0.1 of a unit). */
  readonly swapDeltaMiB: number;
}

// An idle 910B shows about 3 GB of 64 GB HBM (under 5%) used by firmware; 10% leaves room for that.
export const DEFAULT_GATE_THRESHOLDS: GateThresholds = {
  hbmBusyFraction: 0.1,
  aicoreBusyPercent: 5,
  idleAicorePercent: 5,
  loadDeltaAbs: 8,
  loadDeltaRel: 0.5,
  swapDeltaMiB: 256,
};

/** Defaults overridden by the given values; rejects negative or non-finite limits. */
export function resolveThresholds(partial: Partial<GateThresholds> = {}): GateThresholds {
  const out = { ...DEFAULT_GATE_THRESHOLDS };
  for (const [key, value] of Object.entries(partial) as Array<[keyof GateThresholds, number | undefined]>) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_GATE_THRESHOLDS)) throw new RangeError(`unknown gate threshold ${key}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`gate threshold ${key} must be a non-negative number, got ${String(value)}`);
    if (key === 'hbmBusyFraction' && value > 1) throw new RangeError(`hbmBusyFraction is a fraction (0-1), got ${value}`);
    out[key] = value;
  }
  return out;
}
