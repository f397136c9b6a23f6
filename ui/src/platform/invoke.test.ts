import { afterEach, describe, expect, it } from "vitest";
import { AppError, call, setBackendForTests, toAppError } from "./invoke";

describe("toAppError", () => {
  it("keeps a structured error from Rust", () => {
    const e = toAppError({ code: "validation", message: "Montant invalide", field: "amount" });
    expect(e).toBeInstanceOf(AppError);
    expect([e.code, e.message, e.field]).toEqual(["validation", "Montant invalide", "amount"]);
  });

  it("drops a field that is not a string", () => {
    expect(toAppError({ code: "x", message: "y", field: 3 }).field).toBeUndefined();
  });

  it("maps a bare string (e.g. command not found) to internal", () => {
    const e = toAppError("command foo not found");
    expect([e.code, e.message]).toEqual(["internal", "command foo not found"]);
  });

  it("maps an Error and odd values to internal", () => {
    expect(toAppError(new TypeError("boom")).code).toBe("internal");
    expect(toAppError(undefined).message).toBe("undefined");
  });
});

describe("call", () => {
  afterEach(() => setBackendForTests(() => Promise.reject("no backend")));

  it("passes the command name and arguments and returns the value", async () => {
    setBackendForTests(async (cmd, args) => ({ cmd, args }));
    await expect(call("app_info", { a: 1 })).resolves.toEqual({ cmd: "app_info", args: { a: 1 } });
  });

  it("rejects with AppError", async () => {
    setBackendForTests(() => Promise.reject({ code: "not_found", message: "Client introuvable" }));
    await expect(call("x")).rejects.toMatchObject({ code: "not_found", message: "Client introuvable" });
  });
});

describe("field messages", () => {
  it("maps ErrorView.fields to a field -> message map", () => {
    const e = toAppError({
      code: "invalid",
      message: "Montant : ce n’est pas un montant valide.",
      field: "amount",
      fields: [
        { field: "amount", message: "Montant : ce n’est pas un montant valide." },
        { field: "invoice_number", message: "Numéro de facture : ce numéro existe déjà." },
      ],
    });
    expect(e.fields).toEqual({
      amount: "Montant : ce n’est pas un montant valide.",
      invoice_number: "Numéro de facture : ce numéro existe déjà.",
    });
  });

  it("joins several problems on one field and ignores malformed entries", () => {
    const e = toAppError({
      code: "invalid",
      message: "a",
      field: "address",
      fields: [{ field: "address", message: "A." }, { field: "address", message: "B." }, { field: 3 }, null],
    });
    expect(e.fields).toEqual({ address: "A. B." });
  });

  it("puts a lone field's message under it, and has no fields otherwise", () => {
    expect(toAppError({ code: "invalid", message: "m", field: "total" }).fields).toEqual({ total: "m" });
    expect(toAppError({ code: "not_found", message: "gone", field: null, fields: [] }).fields).toEqual({});
    expect(toAppError("boom").fields).toEqual({});
  });
});
