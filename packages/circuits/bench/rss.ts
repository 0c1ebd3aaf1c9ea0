/**
 * Peak resident memory (Linux /proc, VmHWM) for the ZK benches: of this process's children (the
 * native bb prover) and of this process, with a reset so a setup phase does not count.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

/** Peak resident memory (VmHWM) of our child processes (the native bb prover), in MB. */
export function childPeakRssMb(): number {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const ppid = /PPid:\s+(\d+)/.exec(status)?.[1];
      if (Number(ppid) !== process.pid) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      if (hwm) peak = Math.max(peak, Number(hwm) / 1024);
    } catch {
      /* process gone */
    }
  }
  return Math.round(peak);
}

/** This process's peak RSS (VmHWM) in MB since the last `resetPeakRss` (Linux). */
export function ownPeakRssMb(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Math.round(Number(hwm ?? 0) / 1024);
}

/** Resets VmHWM (Linux >= 4.0: writing 5 to clear_refs), so setup (compile) does not count. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
