import { describe, expect, it } from "vitest";
import type { InvoiceCollectionView, PromiseView } from "../platform";
import { canCancelPromise, disputeActions, promiseStatus, reopenReason, showsFollowUp, stepLabel } from "./followup";

const base: InvoiceCollectionView = {
  remaining: "1000.00",
  formal_notice_sent_on: null,
  stage: "reminders",
  stage_since: null,
  written_off_amount: null,
  written_off_reason: null,
  open_dispute: null,
  disputes: [],
  next_steps: [],
  running_plan: null,
};
const open = { opened_on: "2026-03-01", reason: "Pièce défectueuse", closed_on: null, note: null };
const closed = { ...open, closed_on: "2026-03-10", note: "accord" };

describe("disputeActions", () => {
  it("offers to report a dispute when there never was one", () => {
    expect(disputeActions(base, false)).toEqual(["open"]);
  });
  it("offers to close or credit an open dispute, never to open a second", () => {
    expect(disputeActions({ ...base, open_dispute: open, disputes: [open] }, false)).toEqual(["resolve", "credit"]);
    expect(disputeActions({ ...base, remaining: "0.00", open_dispute: open, disputes: [open] }, false)).toEqual([
      "resolve",
    ]);
  });
  it("offers to reopen after a resolution, with the previous reason", () => {
    const c = { ...base, disputes: [closed] };
    expect(disputeActions(c, false)).toEqual(["reopen"]);
    expect(reopenReason(c)).toBe("Pièce défectueuse");
    expect(reopenReason(base)).toBe("");
  });
  it("offers nothing on a paid or cancelled invoice", () => {
    expect(disputeActions({ ...base, remaining: "0.00" }, false)).toEqual([]);
    expect(disputeActions(base, true)).toEqual([]);
  });
});

describe("follow-up", () => {
  it("shows once the formal notice is sent or a stage was recorded", () => {
    expect(showsFollowUp(base)).toBe(false);
    expect(showsFollowUp({ ...base, formal_notice_sent_on: "2026-03-05" })).toBe(true);
    expect(showsFollowUp({ ...base, stage: "written_off" })).toBe(true);
  });
  it("names each step", () => {
    expect(stepLabel("injunction_prepared")).toBe("followup.to.injunction_prepared");
    expect(stepLabel("handed_to_agency")).toBe("followup.to.handed_to_agency");
    expect(stepLabel("written_off")).toBe("followup.to.written_off");
  });
});

describe("promises", () => {
  const p: PromiseView = {
    id: 1,
    amount: "300.00",
    made_on: "2026-03-01",
    by: "2026-03-20",
    status: "running",
    closed_on: null,
    paid: "0.00",
    invoices: ["F-1"],
  };
  it("says running until its date, and only then can be cancelled", () => {
    expect(promiseStatus(p)).toEqual({ key: "promises.status.running", date: "2026-03-20" });
    expect(canCancelPromise(p)).toBe(true);
    for (const status of ["kept", "broken", "cancelled"]) {
      expect(promiseStatus({ ...p, status }).key).toBe(`promises.status.${status}`);
      expect(canCancelPromise({ ...p, status })).toBe(false);
    }
  });
});
