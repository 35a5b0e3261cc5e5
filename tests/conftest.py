import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def fastapi_sdist(request) -> Path:
    """FastAPI's sdist (~1,200 files of real FastAPI code, docs_src/ included), downloaded
    with pip at test time and cached under pytest's cache directory; never committed."""
    cache = Path(request.config.cache.mkdir("fastapi-sdist"))
    found = sorted(cache.glob("fastapi-*.tar.gz"))
    if found:
        return found[-1]
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps",
             "--disable-pip-version-check", "-q", "fastapi", "-d", str(cache)],
            capture_output=True, text=True, timeout=180,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot download FastAPI's sdist with pip: {exc}")
    found = sorted(cache.glob("fastapi-*.tar.gz"))
    if proc.returncode != 0 or not found:
        last = (proc.stderr.strip().splitlines() or ["pip failed"])[-1]
        pytest.skip(f"cannot download FastAPI's sdist (network or pip unavailable): {last}")
    return found[-1]
