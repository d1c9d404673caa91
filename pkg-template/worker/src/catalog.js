// The server-side catalogue: prices come from here, never from the browser.
export const CATALOG = [
  { id: "beans-1kg", name: "Single-origin beans, 1 kg", amount: 15000, currency: "usd" },
  { id: "espresso-250g", name: "Espresso blend, 250 g", amount: 1890, currency: "usd" },
  { id: "grinder", name: "Hand grinder", amount: 8900, currency: "eur" },
  // In roubles: the one a customer may pay by Faster Payments (QR code).
  { id: "cezve", name: "Copper cezve", amount: 150000, currency: "rub" },
];

export const MAX_QUANTITY = 10;

export const product = (id) => CATALOG.find((p) => p.id === id) ?? null;
