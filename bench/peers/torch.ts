import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { log } from '../BenchResult.js';
import type { Runner } from '../interleave.js';

/** Debian's interpreter, where python3-torch is installed (DESIGN.md, reference fixtures). */
export const PYTHON = process.env.XENT_BENCH_PYTHON ?? '/usr/bin/python3';

// The compiled harness runs from node_modules/.cache/xent-bench/bench/peers; the script
// stays in the source tree.
const here = dirname(fileURLToPath(import.meta.url));
const SCRIPT_CANDIDATES = [join(here, 'torch_peer.py'), join(here, '../../../../../bench/peers/torch_peer.py')];

/**
 * PyTorch (CPU, one thread, float32) as a runner: a `torch_peer.py --serve` subprocess set
 * up for one case, which times each repetition itself (perf_counter around the work, so
 * the pipe is not timed) when asked. Null, with the reason on stderr, when Python or
 * torch is missing or the set-up fails: the peer is then absent, never estimated.
 */
export async function torchRunner(spec: Record<string, unknown>): Promise<(Runner & { close(): void }) | null> {
  const script = SCRIPT_CANDIDATES.find((p) => existsSync(p));
  if (script === undefined) {
    log('torch_peer.py not found; torch peer is null');
    return null;
  }
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(PYTHON, [script, '--serve'], { env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } });
  } catch (e) {
    log(`torch peer unavailable (${(e as Error).message}); reported as null`);
    return null;
  }
  const failed = new Promise<null>((resolve) => {
    child.on('error', (e) => {
      log(`torch peer unavailable (${e.message}); reported as null`);
      resolve(null);
    });
  });
  child.stderr.on('data', () => {}); // drained; torch's warnings are not ours to print
  const lines: Interface = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown> | null> => {
    const r = await Promise.race([iterator.next(), failed]);
    if (r === null || r.done === true) return null;
    return JSON.parse(r.value) as Record<string, unknown>;
  };
  const close = (): void => {
    child.stdin.end();
    lines.close();
  };
  const hello = await next();
  if (hello === null || hello.ok !== true) {
    log(`torch peer unavailable (${String(hello?.error ?? 'no answer')}); reported as null`);
    close();
    return null;
  }
  child.stdin.write(`${JSON.stringify({ op: 'setup', spec })}\n`);
  const ready = await next();
  if (ready === null || ready.ok !== true) {
    log('torch peer set-up failed; reported as null');
    close();
    return null;
  }
  return {
    name: 'torch',
    async rep() {
      child.stdin.write('{"op":"rep"}\n');
      const answer = await next();
      if (answer === null || typeof answer.ms !== 'number' || typeof answer.cpuMs !== 'number') {
        throw new Error('torch peer stopped answering');
      }
      return { wallMs: answer.ms, cpuMs: answer.cpuMs };
    },
    close,
  };
}
