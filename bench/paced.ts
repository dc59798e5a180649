import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

export type PacedTarget = { url: string; method?: "GET" | "POST"; headers?: Record<string, string>; body?: string };
export type PacedSample = { times: number[]; statuses: Record<string, number>; errors: number };

/** One request every 1000/rate ms for `seconds`, whatever the answers do (open loop), over keep-alive sockets. */
export async function paced(target: PacedTarget, rate: number, seconds: number): Promise<PacedSample> {
  const sample: PacedSample = { times: [], statuses: {}, errors: 0 };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(target.url);
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request(url, { method: target.method ?? "GET", agent, headers: target.headers }, (res) => {
        res.resume();
        res.on("end", () => {
          sample.times.push(performance.now() - started);
          sample.statuses[res.statusCode ?? 0] = (sample.statuses[res.statusCode ?? 0] ?? 0) + 1;
          resolve();
        });
      });
      req.on("error", () => (sample.errors++, resolve()));
      req.end(target.body);
    });
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < rate * seconds; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(one());
  }
  await Promise.all(inFlight);
  agent.destroy();
  return sample;
}

/** The q-quantile of ascending `sorted`, to 0.1. */
export const quantile = (sorted: number[], q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(1));
