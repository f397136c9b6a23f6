// French is the reference catalogue: its keys define `MessageKey`.
// Placeholders are written {name} and filled by t(key, { name }).
export const fr = {
  "app.name": "Relance",
  "app.tagline": "Relances de factures impayées",
  "app.version": "Version {version}",
  "app.loading": "Chargement…",
  "app.error": "Une erreur est survenue : {message}",
  "nav.label": "Navigation principale",
  "nav.today": "Aujourd'hui",
  "nav.clients": "Clients",
  "nav.invoices": "Factures",
  "nav.payment": "Paiement",
  "nav.settings": "Réglages",
  "shortcuts.title": "Raccourcis clavier",
  "shortcuts.hint": "Alt+1 à Alt+5 : changer d'écran",
  "screen.today.intro": "Les relances à faire aujourd'hui apparaîtront ici.",
  "screen.clients.intro": "La liste de vos clients apparaîtra ici.",
  "screen.invoices.intro": "Vos factures et leur échéance apparaîtront ici.",
  "screen.payment.intro": "Enregistrez ici les paiements reçus.",
  "screen.settings.intro": "Les réglages de l'entreprise et des relances apparaîtront ici.",
} as const;

export type MessageKey = keyof typeof fr;
