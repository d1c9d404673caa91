// tsc --strict against the installed package: the public API is typed.
import { startSandbox, cards, phones, type RunningSandbox, type SandboxStats, type TestPhone } from "smart-glocal-sandbox";

const registered: TestPhone | undefined = phones.find((p) => p.bank_id !== null);
void registered;

export async function usage(): Promise<void> {
  const sb: RunningSandbox = await startSandbox({ clock: "manual", webhookUrl: "http://127.0.0.1:1/hooks", faults: undefined });
  const url: string = sb.url;
  const stats: SandboxStats = sb.stats();
  const delivered: number = stats.webhooks.delivered;
  const first: string | undefined = cards[0]?.number;
  sb.advance(5);
  await sb.close();
  void url;
  void delivered;
  void first;
}
