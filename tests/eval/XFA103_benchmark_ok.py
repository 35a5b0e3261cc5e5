# path: packages/acme-benchmark/acme_benchmark/fixtures.py
# precision review (fifth reading): a load-test harness reads its workflow fixtures
from pathlib import Path


async def install_fixture(client, fixture_path: str) -> dict:
    path = Path(fixture_path)
    return await client.create_workflow(path.name, path.read_bytes())
