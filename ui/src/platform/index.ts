export { AppError, toAppError, type FieldMessages } from "./invoke";
export * from "./commands";
export type * from "./bindings";
