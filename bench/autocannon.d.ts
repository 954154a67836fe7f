// autocannon ships no types; the benchmarks use a small part of its API (bench/load.ts)
declare module 'autocannon';
