export { AppError, toAppError } from "./invoke";
export * from "./commands";
