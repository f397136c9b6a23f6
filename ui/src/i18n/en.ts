import type { MessageKey } from "./fr";

export const en: Record<MessageKey, string> = {
  "app.name": "Relance",
  "app.tagline": "Unpaid invoice follow-up",
  "app.version": "Version {version}",
  "app.loading": "Loading…",
  "app.error": "Something went wrong: {message}",
  "nav.label": "Main navigation",
  "nav.today": "Today",
  "nav.clients": "Clients",
  "nav.invoices": "Invoices",
  "nav.payment": "Payment",
  "nav.settings": "Settings",
  "shortcuts.title": "Keyboard shortcuts",
  "shortcuts.hint": "Alt+1 to Alt+5: switch screen",
  "screen.today.intro": "Today's reminders will show here.",
  "screen.clients.intro": "Your client list will show here.",
  "screen.invoices.intro": "Your invoices and their due dates will show here.",
  "screen.payment.intro": "Record the payments you receive here.",
  "screen.settings.intro": "Company and reminder settings will show here.",
};
