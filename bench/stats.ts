/** Arithmetic and formatting shared by the reports: medians, paired ratios, seconds, MiB. */
import * as os from "os";
import type { Trial } from "./trials";

/**
 * Median over rounds of a[i] / b[i], the runs of one round being back to back
 * (the ratio of the medians when a and b do not come from the same rounds).
 */
export function pairedValue(a: Trial[], b: Trial[], measure: (t: Trial) => number = (t) => t.run.ms): number {
  if (!a.length || !b.length) return NaN;
  if (a.length !== b.length) return median(a.map(measure)) / median(b.map(measure));
  return median(a.map((t, i) => measure(t) / measure(b[i])));
}

export function paired(a: Trial[], b: Trial[], measure?: (t: Trial) => number): string {
  const value = pairedValue(a, b, measure);
  return Number.isNaN(value) ? "n/a" : `${value.toFixed(2)}x`;
}

/** ms between the first and the last API call of a run (0 when none). */
export function apiSpan(t: Trial): number {
  return t.firstCallMs === undefined ? 0 : t.run.ms - t.firstCallMs - (t.afterLastCallMs ?? 0);
}

export function totalCpu(t: Trial): number {
  return Object.values(t.run.cpuMs).reduce((a, b) => a + b, 0);
}

export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

export function callText(counts: Record<string, number>): string {
  return Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(" + ") || "none";
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

export function loadavg(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(" ");
}

export const sec = (ms: number) => (Number.isNaN(ms) ? "n/a" : (ms / 1000).toFixed(2));
export const ratio = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) || !b ? "n/a" : `${(a / b).toFixed(2)}x`);
export const mib = (kb: number) => (kb ? `${(kb / 1024).toFixed(0)} MiB` : "n/a");
/** Bytes as MB (10^6), for disk writes. */
export const mb = (bytes: number) => (Number.isNaN(bytes) ? "n/a" : (bytes / 1e6).toFixed(1));

/** A Markdown report being written: lines, and tables. */
export class Markdown {
  private readonly lines: string[] = [];

  out(s = ""): void {
    this.lines.push(s);
  }

  table(head: string[], rows: string[][], align: string[] = head.map((_, i) => (i ? "---:" : "---"))): void {
    this.out(`| ${head.join(" | ")} |`);
    this.out(`|${align.join("|")}|`);
    for (const row of rows) this.out(`| ${row.join(" | ")} |`);
    this.out();
  }

  text(): string {
    return this.lines.join("\n") + "\n";
  }
}
