import type { BenchResult } from './BenchResult.js';

/**
 * The human-readable line run.ts prints on stderr after each case: the clock, and every
 * contender's median with its spread (min–max) and repetition count, PyTorch's standalone
 * check beside it. Cases of other shapes (the threads and compression cases) are named only:
 * their JSON line is the record.
 */
export function summaryLine(r: BenchResult, seconds: number): string {
  const took = `(${seconds.toFixed(0)} s)`;
  const rows = (r as unknown as { rows?: { shape: number[]; xent1: number; xent2: number; torch1: number | null; torch2: number | null }[] }).rows;
  if (Array.isArray(rows)) {
    const cells = rows.map((q) => `(${q.shape.join(', ')}) xent ${q.xent1} / ${q.xent2}, torch ${q.torch1 ?? 'n/a'} / ${q.torch2 ?? 'n/a'}`);
    return `${r.case}: ${r.clock} clock, medians of ${r.reps} in ms, 1 / all threads: ${cells.join('; ')} ${took}`;
  }
  if (typeof r.oursMs !== 'number' || r.peers === undefined) return `${r.case}: done ${took}; see its JSON line`;
  const spread = r.spreadMs ?? {};
  const cell = (name: string, ms: number | null | undefined): string | null => {
    if (ms === null || ms === undefined) return null;
    const s = spread[name];
    const reps = r.peerReps?.[name] ?? r.reps;
    return `${name} ${ms}${s === undefined ? '' : ` [${s[0]}–${s[1]}]`}${reps === r.reps ? '' : ` (${reps} reps)`}`;
  };
  const spreadName = (peer: string): string => (peer === 'torch-2-threads' ? 'torch 2 threads' : peer);
  const cells = [cell('xent', r.oursMs)];
  const wall = r.clock === 'wall' ? r : r.otherClock?.clock === 'wall' ? r.otherClock : undefined;
  for (const [peer, ms] of Object.entries(r.peers)) {
    // PyTorch on every core is compared on the wall clock (its CPU clock adds up its threads).
    const all = peer === 'torch-2-threads';
    if (all && r.clock !== 'wall') {
      const w = wall?.peers[peer];
      const s = wall?.spreadMs?.[spreadName(peer)];
      const check = r.peerChecks?.[peer];
      if (w !== null && w !== undefined) {
        cells.push(`${spreadName(peer)} ${w}${s === undefined ? '' : ` [${s[0]}–${s[1]}]`} wall (xent ${wall!.oursMs} wall)${check === undefined ? '' : `, standalone ${check.standaloneMs ?? 'n/a'}${check.agrees ? '' : ' DISAGREES'}`}`);
      }
      continue;
    }
    const c = cell(spreadName(peer), ms);
    if (c === null) continue;
    const check = r.peerChecks?.[peer];
    cells.push(check === undefined ? c : `${c}, standalone ${check.standaloneMs ?? 'n/a'} (${check.clock})${check.agrees ? '' : ' DISAGREES'}`);
  }
  return `${r.case}: ${r.clock} clock, medians of ${r.reps} in ms [min–max]: ${cells.filter((c) => c !== null).join('; ')} ${took}`;
}
