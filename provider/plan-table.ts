/**
 * The plan's table, as data: the reservation's condition × the change the program
 * makes → the action. `plan` (plan.ts) finds the row and the column and looks the
 * action up here; docs/how-it-works.md#the-plan prints the same table, and
 * test/provider/plan.test.ts fails when the two differ or when `plan` strays from a cell.
 */

/** The reservation's condition, judged on its declared numbers at `now` (docs: "Condition"). */
export type Condition = "none" | "pending" | "success" | "partial" | "failure" | "lapsed" | "vanished";

/**
 * What the program changed against the state, by precedence (an identity change first, then an extend).
 * `criteria` and `count raised` are a `search` resource's (a lowered count is `narrowed`).
 */
export type Change = "none" | "trigger" | "window reached" | "narrowed" | "added" | "disjoint" | "reference" | "criteria" | "count raised";

/** The actions of the table; `nothing` becomes `record` when there is something to store without a call. */
export type TableAction = "create" | "settle" | "nothing" | "extend" | "narrow" | "refuse" | "replace";

/** The columns, in the docs' order. */
export const CHANGES: readonly Change[] = ["none", "trigger", "window reached", "narrowed", "added", "disjoint", "reference", "criteria", "count raised"];

type Row = Record<Change, TableAction>;
const row = (...actions: TableAction[]): Row => Object.fromEntries(CHANGES.map((c, i) => [c, actions[i]])) as Row;
/** Holds nothing: whatever changed, only a fresh reservation can hold the numbers. */
const HOLDS_NOTHING = row("replace", "replace", "replace", "replace", "replace", "replace", "replace", "replace", "replace");

export const PLAN_TABLE: Record<Condition, Row> = {
  none: row("create", "create", "create", "create", "create", "create", "create", "create", "create"),
  pending: row("settle", "settle", "settle", "settle", "refuse", "replace", "refuse", "replace", "refuse"),
  success: row("nothing", "extend", "extend", "narrow", "refuse", "replace", "refuse", "replace", "refuse"),
  partial: row("refuse", "extend", "extend", "narrow", "refuse", "replace", "refuse", "replace", "refuse"),
  failure: HOLDS_NOTHING,
  lapsed: HOLDS_NOTHING,
  vanished: HOLDS_NOTHING,
};
