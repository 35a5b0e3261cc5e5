# path: server/scripts/eval_reviews.py
# precision review: a one-shot command reads its input and writes its report
import json
from pathlib import Path


async def main(policy: str, output: Path, report: dict) -> None:
    text = Path(policy).read_text()
    output.write_text(json.dumps(report))
    with open("summary.txt", "w") as f:
        f.write(text)
