export { amountForInput, formatAxisMoney, formatMoney, formatNumber, isZero, share } from "./amount";
export { formatDate, formatLongDate, formatTimestamp, parseInputDate, todayForInput } from "./date";
