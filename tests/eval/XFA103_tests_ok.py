# path: backend/tests/plugins/test_loader.py
# second precision review: an async test writes its fixture files before exercising the code
from pathlib import Path


async def test_loads_seed(tmp_path: Path) -> None:
    seed = tmp_path / "seed.sql"
    seed.write_text("select 1;\n")
    (tmp_path / "plugin.yaml").write_text("name: demo\n")
    with open(tmp_path / "notes.txt", "w") as f:
        f.write("x")
