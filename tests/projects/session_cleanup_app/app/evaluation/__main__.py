"""python -m app.evaluation: run the answer benchmark from a terminal."""
import argparse
import asyncio

from app.evaluation.answers.store import run_answers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(run_answers(args.questions))


main()
