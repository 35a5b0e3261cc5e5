"""python -m app.tools.ingest.run: load documents into the index."""
import argparse

from .store import upsert_all


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    upsert_all(parser.parse_args().path)


if __name__ == "__main__":
    main()
