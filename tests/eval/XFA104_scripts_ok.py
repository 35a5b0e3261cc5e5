# path: api/db/migrations/helpers.py
# precision review (fifth reading): a migration helper coroutine waits for its pg tools
import os
import subprocess


async def copy_table(source: str, target: str, dump_file: str) -> None:
    subprocess.run(["pg_dump", "-d", source, "-t", "events", "-f", dump_file], check=True)
    subprocess.run(["pg_restore", "-d", target, dump_file], check=True, env={**os.environ})
