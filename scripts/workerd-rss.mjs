// Resident memory of the workerd processes started under this process (by
// Miniflare or wrangler), in MB: `make soak` and `make load` read it.
import { execFileSync } from "node:child_process";

export function workerdRss() {
  const rows = execFileSync("ps", ["-eo", "pid,ppid,rss,comm"], { encoding: "utf8" })
    .trim().split("\n").slice(1).map((l) => l.trim().split(/\s+/));
  const mine = new Set([String(process.pid)]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of rows) if (mine.has(ppid) && !mine.has(pid)) mine.add(pid), (grew = true);
  }
  return rows.filter(([pid, , , comm]) => mine.has(pid) && /workerd/.test(comm)).reduce((t, r) => t + Number(r[2]), 0) / 1024;
}
