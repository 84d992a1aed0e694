"""Latency of `frner tag --input - --output -` as a Unix filter (issue 18).

A producer writes one record every --interval seconds into frner's stdin and keeps it open;
the script times, for each record, how long its output line takes to appear on stdout. The
first record is sent --start-delay seconds after frner starts (0: its latency includes the
model load).

    .venv/bin/python scripts/stream_latency.py --frner target/release/frner --records 5
"""

import argparse
import json
import subprocess
import sys
import threading
import time

TEXTS = [
    "Emmanuel Macron est à Paris.",
    "La SNCF recrute 3 000 personnes à Lyon.",
    "Angela Merkel a rencontré le président du Sénat.",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frner", default="target/release/frner")
    ap.add_argument("--records", type=int, default=5)
    ap.add_argument("--interval", type=float, default=1.0, help="seconds between records")
    ap.add_argument("--start-delay", type=float, default=0.0)
    ap.add_argument("frner_args", nargs="*", help="extra `frner tag` options (after --)")
    args = ap.parse_args()

    started = time.monotonic()
    proc = subprocess.Popen(
        [args.frner, "tag", "--input", "-", "--output", "-", "-q", *args.frner_args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    arrivals: dict[str, float] = {}

    def read() -> None:
        for line in proc.stdout:
            arrivals[json.loads(line)["id"]] = time.monotonic()

    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(args.start_delay)
    sent = {}
    for i in range(args.records):
        rid = f"r{i}"
        record = {"id": rid, "text": TEXTS[i % len(TEXTS)]}
        sent[rid] = time.monotonic()
        proc.stdin.write((json.dumps(record, ensure_ascii=False) + "\n").encode())
        proc.stdin.flush()
        time.sleep(args.interval)
    # Every record has had `interval` seconds; stdin was open all that time.
    seen_open = dict(arrivals)
    proc.stdin.close()
    reader.join()
    code = proc.wait()
    latencies = {rid: seen_open[rid] - t for rid, t in sent.items() if rid in seen_open}
    report = {
        "records": args.records,
        "interval_s": args.interval,
        "start_delay_s": args.start_delay,
        "arrived_before_eof": len(latencies),
        "latency_s": {rid: round(v, 3) for rid, v in latencies.items()},
        "first_latency_s": round(latencies.get("r0", float("nan")), 3),
        "max_latency_after_first_s": round(
            max((v for r, v in latencies.items() if r != "r0"), default=float("nan")), 3
        ),
        "wall_s": round(time.monotonic() - started, 3),
        "exit": code,
    }
    print(json.dumps(report))
    return 0 if code == 0 and len(latencies) == args.records else 1


if __name__ == "__main__":
    sys.exit(main())
