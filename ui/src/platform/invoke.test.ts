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
