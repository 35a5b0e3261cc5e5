"""Helpers of the ingest command (imported by run.py)."""


def upsert_all(path: str) -> None:
    print(f"Indexing {path}")
