/** Timing and order statistics the benchmarks share. */

/** The upper middle of the sorted values (the median for an odd count). */
export function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
}

/** The value at fraction `p` of the sorted values (0.99 for the 99th percentile). */
export function percentile(xs: number[], p: number): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

/** Milliseconds one call of `fn` takes. */
export function time(fn: () => void): number {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
}
