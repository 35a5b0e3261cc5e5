"""python -m app.tools.bench: run the load bench from a terminal."""
import argparse


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from .core import run_rounds

    run_rounds(args.rounds)


main()
