# path: sdk/evaluations/report.py
# precision review (reading 5): a function whose name says it writes to the terminal
# (display_*, print_*, show_*, echo_*) prints on purpose; its callers do not
from fastapi import APIRouter

router = APIRouter()


async def display_evaluation_results(results: list[dict]) -> None:
    print("Evaluation report:")
    for row in results:
        print(f"  {row['name']}: {row['score']:.2f}")


def _print_table(rows: list[tuple[str, int]]) -> None:
    def line(name: str, count: int) -> str:
        return f"{name:<20}{count:>5}"

    for name, count in rows:
        print(line(name, count))


def summarize(results: list[dict]) -> float:
    total = sum(r["score"] for r in results)
    print(f"total score {total}")  # error: XFA805:5
    return total


@router.get("/items/{item_id}")
def show_item(item_id: int) -> dict:
    print("showing", item_id)  # error: XFA805:5
    return {"id": item_id}
