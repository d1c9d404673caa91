"use client";
import { useEffect, useState } from "react";
import { paymentPageUrl, StatusView } from "smart-glocal-browser";

export default function Page() {
  const [url, setUrl] = useState("loading");
  useEffect(() => {
    setUrl(paymentPageUrl("tok_next", { locale: "en" }));
    const view = new StatusView(document.getElementById("status"), { locale: "en-US" });
    view.update({ session_id: "o1", kind: "payment", state: "succeeded", final: true, amount: 1500, currency: "jpy", card: null, refunded_amount: 0, chargeback: false, failure: null, redirect: null, interaction: null, updated_at: null });
  }, []);
  return (<main><p id="url">{url}</p><div id="status" /></main>);
}
