# path: bench_tools/collector.py
# precision review (fifth reading): the sampling loops of a command-line collector's class
import argparse
import asyncio
import json
from pathlib import Path


class Collector:
    def __init__(self, out: Path) -> None:
        self.out = out

    async def sample_loop(self, sink: Path) -> None:
        with sink.open("x", encoding="utf-8") as handle:
            handle.write(json.dumps({"ok": True}) + "\n")
        self.out.write_text("done")
        with open(self.out / "summary.txt", "w") as f:
            f.write("done")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    asyncio.run(Collector(Path(parser.parse_args().out)).sample_loop(Path("s.jsonl")))
