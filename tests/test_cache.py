"""The on-disk cache of module summaries (flake8_fastapi_conventions/cache.py)."""

from __future__ import annotations

import errno
import gc
import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from flake8_fastapi_conventions import __version__
from flake8_fastapi_conventions import cache as cache_mod
from flake8_fastapi_conventions.cache import DIRNAME, SummaryCache

SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"
OLD = 1_600_000_000  # an mtime well in the past, in seconds


@pytest.fixture(autouse=True)
def _fresh_process_state():
    cache_mod.reset()
    yield
    cache_mod.reset()


def source(root: Path, name: str = "app/users.py", text: str = "x = 1\n") -> str:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, ns=(OLD * 10**9, OLD * 10**9))
    return str(path)


SUMMARY = {"imports": ["fastapi", "app.db"], "defs": {"get_user": {"async": True, "line": 3}}, "note": "é ✓"}
#: what reading SUMMARY back gives: the same facts, its lists made tuples
STORED = {"imports": ("fastapi", "app.db"), "defs": {"get_user": {"async": True, "line": 3}}, "note": "é ✓"}


def entry_file(cache: SummaryCache, path: str) -> Path:
    return Path(cache.entry_path(path))


def files_under(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))


# -- storing and finding ------------------------------------------------------------


def test_a_stored_summary_is_found_again_from_disk_by_a_new_process(tmp_path):
    path = source(tmp_path)
    SummaryCache(tmp_path).put(path, SUMMARY)
    cache_mod.reset()  # what a new process starts with
    cache = SummaryCache(tmp_path)
    assert cache.get(path) == STORED
    assert cache.stats["disk_hits"] == 1


def test_nothing_stored_is_a_miss(tmp_path):
    cache = SummaryCache(tmp_path)
    assert cache.get(source(tmp_path)) is None
    assert cache.get(str(tmp_path / "missing.py")) is None
    assert cache.stats["misses"] == 2


def test_the_layout(tmp_path):
    path = source(tmp_path)
    cache = SummaryCache(tmp_path)
    cache.put(path, SUMMARY)
    directory = tmp_path / DIRNAME
    assert cache.directory == str(directory)
    assert (directory / ".gitignore").read_text() == "*\n"
    tag = (directory / "CACHEDIR.TAG").read_text()
    assert tag.splitlines()[0] == SIGNATURE
    name = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:32] + ".json"
    assert files_under(directory) == [".gitignore", "CACHEDIR.TAG", f"v{__version__}", f"v{__version__}/{name}"]
    entry = json.loads((directory / f"v{__version__}" / name).read_text(encoding="utf-8"))
    st = os.stat(path)
    assert entry == {
        "format": 1,
        "path": os.path.abspath(path),
        "mtime_ns": st.st_mtime_ns,
        "size": st.st_size,
        "version": __version__,
        "summary": SUMMARY,
    }


def test_nothing_is_created_before_the_first_put(tmp_path):
    path = source(tmp_path)
    cache = SummaryCache(tmp_path)
    assert cache.get(path) is None
    assert not (tmp_path / DIRNAME).exists()
    cache.put(path, SUMMARY)
    assert (tmp_path / DIRNAME).is_dir()


def test_cache_dir_replaces_the_default_location(tmp_path):
    path = source(tmp_path)
    SummaryCache(tmp_path, cache_dir=tmp_path / "elsewhere" / "xfa").put(path, SUMMARY)
    SummaryCache(tmp_path, cache_dir="relative").put(path, SUMMARY)  # taken from the root
    assert not (tmp_path / DIRNAME).exists()
    assert (tmp_path / "elsewhere" / "xfa" / "CACHEDIR.TAG").is_file()
    assert (tmp_path / "relative" / ".gitignore").is_file()
    cache_mod.reset()
    assert SummaryCache(tmp_path, cache_dir=str(tmp_path / "elsewhere" / "xfa")).get(path) == STORED
    cache_mod.reset()
    assert SummaryCache(tmp_path).get(path) is None


def test_the_same_file_named_differently_is_the_same_entry(tmp_path, monkeypatch):
    path = source(tmp_path)
    SummaryCache(tmp_path).put(path, SUMMARY)
    cache_mod.reset()
    monkeypatch.chdir(tmp_path)
    assert SummaryCache(tmp_path).get("app/../app/users.py") == STORED


def test_non_ascii_paths_and_summaries(tmp_path):
    path = source(tmp_path, "app/ünïcode/módulo.py")
    summary = {"doc": "naïve — ✓ 日本", "n": [1, 2.5, None, True]}
    SummaryCache(tmp_path).put(path, summary)
    cache_mod.reset()
    assert SummaryCache(tmp_path).get(path) == {"doc": "naïve — ✓ 日本", "n": (1, 2.5, None, True)}


def test_a_run_leaves_no_temporary_file(tmp_path):
    cache = SummaryCache(tmp_path)
    for i in range(20):
        cache.put(source(tmp_path, f"m{i}.py"), {"i": i})
    left = [p for p in files_under(tmp_path / DIRNAME) if p.endswith(".tmp")]
    assert left == []
    assert len(list((tmp_path / DIRNAME / f"v{__version__}").iterdir())) == 20


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_git_checkout_stays_clean(tmp_path):
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=tmp_path, capture_output=True, text=True, check=True,
        ).stdout

    git("init", "-q")
    paths = [source(tmp_path, f"app/m{i}.py") for i in range(3)]
    git("add", ".")
    git("commit", "-q", "-m", "sources")
    assert git("status", "--porcelain") == ""
    cache = SummaryCache(tmp_path)
    for path in paths:
        cache.put(path, SUMMARY)
    assert (tmp_path / DIRNAME / f"v{__version__}").is_dir()
    assert git("status", "--porcelain") == ""
    assert git("status", "--porcelain", "--ignored") == f"!! {DIRNAME}/\n"


# -- the memory layer -----------------------------------------------------------------


def test_a_second_get_does_not_read_the_disk_again(tmp_path):
    path = source(tmp_path)
    SummaryCache(tmp_path).put(path, SUMMARY)
    cache_mod.reset()
    cache = SummaryCache(tmp_path)
    assert cache.get(path) == STORED
    entry_file(cache, path).unlink()  # only memory has it now
    assert cache.get(path) == STORED
    assert SummaryCache(tmp_path).get(path) == STORED  # process-level, not per instance
    assert cache.stats == {"memory_hits": 1, "disk_hits": 1, "misses": 0, "writes": 0}


def test_the_memory_layer_still_checks_the_file(tmp_path):
    path = source(tmp_path)
    cache = SummaryCache(tmp_path)
    cache.put(path, SUMMARY)
    assert cache.get(path) == STORED
    Path(path).write_text("x = 22\n")
    assert cache.get(path) is None


# -- staleness --------------------------------------------------------------------------


@pytest.mark.parametrize("change", ["content", "same-size content", "mtime only", "deleted"])
def test_a_changed_file_is_a_miss(tmp_path, change):
    path = source(tmp_path, text="x = 1\n")
    SummaryCache(tmp_path).put(path, SUMMARY)
    if change == "content":
        Path(path).write_text("x = 1\ny = 2\n")
    elif change == "same-size content":
        Path(path).write_text("x = 2\n")
        os.utime(path, ns=((OLD + 1) * 10**9, (OLD + 1) * 10**9))
    elif change == "mtime only":
        os.utime(path, ns=(OLD * 10**9 + 1, OLD * 10**9 + 1))  # one nanosecond later
    else:
        os.unlink(path)
    for reset in (False, True):  # from memory, then from disk
        if reset:
            cache_mod.reset()
        assert SummaryCache(tmp_path).get(path) is None


def test_the_size_counts_even_when_the_mtime_is_restored(tmp_path):
    path = source(tmp_path, text="x = 1\n")
    SummaryCache(tmp_path).put(path, SUMMARY)
    source(tmp_path, text="x = 100\n")  # same old mtime, other size
    cache_mod.reset()
    assert SummaryCache(tmp_path).get(path) is None


def test_another_plugin_version_does_not_read_the_entry(tmp_path):
    path = source(tmp_path)
    SummaryCache(tmp_path, version="1.0.0").put(path, SUMMARY)
    cache_mod.reset()
    assert SummaryCache(tmp_path, version="1.0.1").get(path) is None
    assert SummaryCache(tmp_path, version="1.0.0").get(path) == STORED
    # nor from memory
    assert SummaryCache(tmp_path, version="1.0.1").get(path) is None


def test_an_entry_claiming_another_version_in_the_right_directory_is_a_miss(tmp_path):
    path = source(tmp_path)
    cache = SummaryCache(tmp_path)
    cache.put(path, SUMMARY)
    entry = json.loads(entry_file(cache, path).read_text())
    entry["version"] = "0.0.0-other"
    entry_file(cache, path).write_text(json.dumps(entry))
    cache_mod.reset()
    assert SummaryCache(tmp_path).get(path) is None


def test_versions_that_are_not_file_names_get_their_own_directory(tmp_path):
    path = source(tmp_path)
    odd = ["1.0/../../x", "1.0 beta", "", "x" * 200]
    for version in odd:
        SummaryCache(tmp_path, version=version).put(path, {"v": version})
    assert sorted(p.name for p in tmp_path.iterdir()) == [DIRNAME, "app"]  # nothing escaped
    dirs = [p for p in (tmp_path / DIRNAME).iterdir() if p.is_dir()]
    assert len(dirs) == len(odd) and all(d.name.startswith("v-") for d in dirs)
    assert all(len(list(d.iterdir())) == 1 for d in dirs)
    cache_mod.reset()
    for version in odd:
        assert SummaryCache(tmp_path, version=version).get(path) == {"v": version}


def test_put_with_the_stat_taken_before_reading_keys_by_the_content_read(tmp_path):
    path = source(tmp_path)
    before = os.stat(path)
    Path(path).write_text("x = 1  # edited while the summary was built\n")
    cache = SummaryCache(tmp_path)
    cache.put(path, SUMMARY, stat=before)
    assert cache.get(path) is None
    cache.put(path, {"fresh": True})
    assert cache.get(path) == {"fresh": True}


# -- corrupt and foreign entries --------------------------------------------------------


def _truncated(valid: bytes) -> bytes:
    return valid[: len(valid) // 2]


CORRUPT = {
    "empty": lambda valid: b"",
    "truncated": _truncated,
    "garbage bytes": lambda valid: b"\xff\xfe\x00\x9c garbage \x00" * 20,
    "not utf-8 json": lambda valid: valid.replace(b'"imports"', b'"\xff\xfe"'),
    "deep nesting": lambda valid: b"[" * 100_000 + b"]" * 100_000,
    "a list": lambda valid: b"[1, 2, 3]",
    "a string": lambda valid: b'"summary"',
    "null": lambda valid: b"null",
    "the summary alone": lambda valid: json.dumps(SUMMARY).encode(),
    "a key missing": lambda valid: _edit(valid, lambda e: e.pop("size")),
    "a key too many": lambda valid: _edit(valid, lambda e: e.update(extra=1)),
    "summary not a dict": lambda valid: _edit(valid, lambda e: e.update(summary=["x"])),
    "mtime a string": lambda valid: _edit(valid, lambda e: e.update(mtime_ns=str(e["mtime_ns"]))),
    "size a float": lambda valid: _edit(valid, lambda e: e.update(size=float(e["size"]))),
    "size a bool": lambda valid: _edit(valid, lambda e: e.update(size=bool(e["size"]))),
    "another format": lambda valid: _edit(valid, lambda e: e.update(format=99)),
}


def _edit(valid: bytes, change) -> bytes:
    entry = json.loads(valid)
    change(entry)
    return json.dumps(entry).encode()


@pytest.mark.parametrize("kind", sorted(CORRUPT))
def test_a_corrupt_entry_is_a_miss_and_rebuilt_by_the_next_put(tmp_path, kind, capfd):
    path = source(tmp_path, text="x")  # one byte: a size of True or 1.0 compares equal to it
    cache = SummaryCache(tmp_path)
    cache.put(path, SUMMARY)
    target = entry_file(cache, path)
    target.write_bytes(CORRUPT[kind](target.read_bytes()))
    cache_mod.reset()
    cache = SummaryCache(tmp_path)
    assert cache.get(path) is None
    cache.put(path, SUMMARY)
    cache_mod.reset()
    assert SummaryCache(tmp_path).get(path) == STORED
    assert capfd.readouterr() == ("", "")


def test_the_entry_of_another_path_under_a_colliding_name_is_a_miss(tmp_path):
    mine, other = source(tmp_path, "a.py"), source(tmp_path, "b.py")  # same size, same mtime
    cache = SummaryCache(tmp_path)
    cache.put(other, {"of": "b"})
    shutil.copy(entry_file(cache, other), entry_file(cache, mine))  # as if the hashes collided
    cache_mod.reset()
    assert SummaryCache(tmp_path).get(mine) is None
    assert SummaryCache(tmp_path).get(other) == {"of": "b"}


def test_a_directory_where_an_entry_should_be_is_a_miss_and_replaced(tmp_path):
    path = source(tmp_path)
    cache = SummaryCache(tmp_path)
    cache.put(source(tmp_path, "other.py"), {})  # the version directory exists
    target = entry_file(cache, path)
    (target / "inner").mkdir(parents=True)
    (target / "inner" / "f.json").write_text("{}")
    assert cache.get(path) is None
    cache.put(path, SUMMARY)
    assert target.is_file() and cache.on_disk
    cache_mod.reset()
    assert SummaryCache(tmp_path).get(path) == STORED


def test_a_file_named_like_the_cache_dir_falls_back_to_memory_and_is_left_alone(tmp_path, capfd):
    (tmp_path / DIRNAME).write_text("my notes\n")
    path = source(tmp_path)
    cache = SummaryCache(tmp_path)
    assert cache.get(path) is None
    cache.put(path, SUMMARY)
    assert cache.get(path) == STORED
    assert not cache.on_disk
    assert (tmp_path / DIRNAME).read_text() == "my notes\n"
    assert capfd.readouterr() == ("", "")


def test_a_cache_dir_with_unrelated_content_is_used_and_its_files_kept(tmp_path):
    directory = tmp_path / DIRNAME
    (directory / "sub").mkdir(parents=True)
    (directory / "notes.txt").write_text("notes\n")
    (directory / ".gitignore").write_text("*.json\n")  # someone else's: not overwritten
    (directory / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
    path = source(tmp_path)
    assert SummaryCache(tmp_path).get(path) is None
    SummaryCache(tmp_path).put(path, SUMMARY)
    cache_mod.reset()
    assert SummaryCache(tmp_path).get(path) == STORED
    assert (directory / "notes.txt").read_text() == "notes\n"
    assert (directory / ".gitignore").read_text() == "*.json\n"


def test_a_file_where_the_version_directory_should_be_falls_back_to_memory(tmp_path, capfd):
    directory = tmp_path / DIRNAME
    directory.mkdir()
    (directory / f"v{__version__}").write_text("not a directory")
    path = source(tmp_path)
    cache = SummaryCache(tmp_path)
    cache.put(path, SUMMARY)
    assert cache.get(path) == STORED and not cache.on_disk
    assert (directory / f"v{__version__}").read_text() == "not a directory"
    assert capfd.readouterr() == ("", "")


def test_a_cache_dir_removed_during_the_run_is_made_again(tmp_path):
    cache = SummaryCache(tmp_path)
    cache.put(source(tmp_path, "a.py"), {"a": 1})
    shutil.rmtree(tmp_path / DIRNAME)
    path = source(tmp_path, "b.py")
    cache.put(path, {"b": 1})
    assert cache.on_disk
    assert (tmp_path / DIRNAME / ".gitignore").read_text() == "*\n"
    cache_mod.reset()
    assert SummaryCache(tmp_path).get(path) == {"b": 1}


# -- unwritable trees: memory, silently ---------------------------------------------------


def test_a_cache_dir_under_a_regular_file_falls_back_to_memory(tmp_path, capfd):
    (tmp_path / "blocker").write_text("a file, not a directory")
    path = source(tmp_path)
    cache = SummaryCache(tmp_path, cache_dir=tmp_path / "blocker" / "cache")
    assert cache.get(path) is None
    cache.put(path, SUMMARY)
    assert not cache.on_disk
    assert cache.get(path) == STORED
    other = source(tmp_path, "other.py")
    cache.put(other, {"o": 1})
    assert SummaryCache(tmp_path, cache_dir=tmp_path / "blocker" / "cache").get(other) == {"o": 1}
    assert (tmp_path / "blocker").read_text() == "a file, not a directory"
    assert capfd.readouterr() == ("", "")


def _raises(exc: OSError):
    calls = []

    def fail(*args, **kwargs):
        calls.append(args)
        raise exc

    return fail, calls


@pytest.mark.parametrize(
    ("primitive", "exc"),
    [
        ("replace", PermissionError(errno.EACCES, "Permission denied")),
        ("write", OSError(errno.ENOSPC, "No space left on device")),
        ("open", PermissionError(errno.EACCES, "Permission denied")),
        ("mkdir", OSError(errno.EROFS, "Read-only file system")),
    ],
)
@pytest.mark.parametrize("cache_exists", [False, True])
def test_failing_writes_fall_back_to_memory_silently(tmp_path, monkeypatch, capfd, primitive, exc, cache_exists):
    paths = [source(tmp_path, f"m{i}.py") for i in range(3)]
    if cache_exists:  # markers and version directory already there: the entry write fails
        SummaryCache(tmp_path).put(source(tmp_path, "seed.py"), {})
        cache_mod.reset()
    before = files_under(tmp_path)
    cache = SummaryCache(tmp_path)
    fail, calls = _raises(exc)
    with monkeypatch.context() as patch:
        patch.setattr(os, primitive, fail)
        cache.put(paths[0], {"n": 0})
        if primitive != "mkdir" or not cache_exists:
            assert len(calls) == 1
        failed = len(calls)
        cache.put(paths[1], {"n": 1})
        cache.put(paths[2], {"n": 2})
        assert len(calls) == failed  # the disk is not tried again in this process
    assert not cache.on_disk
    assert [cache.get(p) for p in paths] == [{"n": 0}, {"n": 1}, {"n": 2}]
    if primitive != "mkdir" or not cache_exists:
        assert files_under(tmp_path) == before  # no temporary file left behind
    assert capfd.readouterr() == ("", "")


def test_a_summary_that_is_not_json_is_kept_in_memory_only(tmp_path):
    path = source(tmp_path)
    cache = SummaryCache(tmp_path)
    cache.put(path, {"names": {"a", "b"}})
    assert cache.get(path) == {"names": {"a", "b"}}
    assert cache.on_disk  # not a disk problem
    assert not entry_file(cache, path).exists()


@pytest.mark.parametrize("bad", [None, ["x"], "summary", 3])
def test_put_ignores_what_is_not_a_dict(tmp_path, bad):
    path = source(tmp_path)
    cache = SummaryCache(tmp_path)
    cache.put(path, bad)
    assert cache.get(path) is None


@pytest.mark.parametrize("path", ["", "\x00", "nul\x00byte.py", "/definitely/not/here.py"])
def test_odd_paths_never_raise(tmp_path, path):
    cache = SummaryCache(tmp_path)
    cache.put(path, SUMMARY)
    assert cache.get(path) is None


# -- disabled -----------------------------------------------------------------------------


def test_disabled_keeps_to_memory_and_never_touches_the_disk(tmp_path, monkeypatch):
    path = source(tmp_path)
    SummaryCache(tmp_path).put(path, {"from": "disk"})
    shutil.rmtree(tmp_path / DIRNAME)
    SummaryCache(tmp_path, cache_dir="other").put(path, {"from": "disk"})
    cache_mod.reset()
    before = files_under(tmp_path)
    cache = SummaryCache(tmp_path, cache_dir="other", enabled=False)
    assert cache.get(path) is None  # the valid entry on disk is not read
    cache.put(path, SUMMARY)
    assert cache.get(path) == STORED
    assert not cache.on_disk
    disabled = SummaryCache(tmp_path, enabled=False)
    disabled.put(source(tmp_path, "b.py"), SUMMARY)
    assert disabled.get(str(tmp_path / "b.py")) == STORED
    assert not (tmp_path / DIRNAME).exists()
    assert files_under(tmp_path) == sorted(before + ["b.py"])


# -- concurrency: --jobs workers and concurrent runs ----------------------------------------


PAYLOAD = 64 * 1024  # several pages: a torn write would show


def _summary(path: str, writer: int, round_: int) -> dict:
    payload = f"{writer}:{round_}:" * (PAYLOAD // 8)
    digest = hashlib.sha256(f"{path}|{writer}|{round_}|{payload}".encode()).hexdigest()
    return {"path": path, "writer": writer, "round": round_, "payload": payload, "digest": digest}


def _problem(path: str, got: object) -> str | None:
    if not isinstance(got, dict) or set(got) != {"path", "writer", "round", "payload", "digest"}:
        return f"{path}: not a summary: {str(got)[:80]}"
    expected = _summary(path, got["writer"], got["round"])
    if got != expected:
        return f"{path}: a mixed or torn summary from writer {got['writer']} round {got['round']}"
    return None


def _hammer(root: str, paths: list[str], writer: int, rounds: int, start, results) -> None:
    cache_mod.reset()  # a forked worker starts like a new process
    errors: list[str] = []
    reads = hits = 0
    try:
        start.wait(60)
        cache = SummaryCache(root)
        for round_ in range(rounds):
            for i, path in enumerate(paths):
                if (round_ + i + writer) % 2 == 0:
                    cache.put(path, _summary(path, writer, round_))
                if not cache.on_disk:
                    errors.append(f"writer {writer} fell back to memory")
                cache_mod.reset()  # the next get reads the disk, the next put prepares again
                got = cache.get(path)
                reads += 1
                if got is not None:
                    hits += 1
                    problem = _problem(path, got)
                    if problem:
                        errors.append(problem)
    except Exception as exc:  # reported, not lost in the child
        errors.append(f"writer {writer} raised {exc!r}")
    results.put((writer, reads, hits, errors))


def test_concurrent_workers_never_see_a_torn_or_foreign_entry(tmp_path):
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    shared = [source(tmp_path, f"shared{i}.py") for i in range(4)]
    workers = 6
    start, results = ctx.Event(), ctx.Queue()
    procs = []
    for writer in range(workers):
        own = [source(tmp_path, f"own{writer}_{i}.py") for i in range(2)]
        proc = ctx.Process(target=_hammer, args=(str(tmp_path), shared + own, writer, 25, start, results))
        proc.start()
        procs.append(proc)
    start.set()
    reports = [results.get(timeout=240) for _ in procs]
    for proc in procs:
        proc.join(60)
        assert proc.exitcode == 0
    errors = [e for _, _, _, errs in reports for e in errs]
    assert errors == []
    assert all(reads == 25 * 6 for _, reads, _, _ in reports)
    assert all(hits > 0 for _, _, hits, _ in reports)
    # what is left: the markers and one complete entry per file, no temporary file
    directory = tmp_path / DIRNAME
    assert (directory / ".gitignore").read_text() == "*\n"
    assert (directory / "CACHEDIR.TAG").read_text().startswith(SIGNATURE + "\n")
    entries = sorted((directory / f"v{__version__}").iterdir())
    assert all(p.suffix == ".json" for p in entries)
    assert len(entries) == len(shared) + 2 * workers
    for path in shared + [source_path for source_path in map(str, tmp_path.glob("own*.py"))]:
        got = SummaryCache(tmp_path).get(path)
        assert got is not None and _problem(path, got) is None


def _lists_in(value) -> int:
    if isinstance(value, list):
        return 1 + sum(_lists_in(v) for v in value)
    if isinstance(value, (tuple, set, frozenset)):
        return sum(_lists_in(v) for v in value)
    if isinstance(value, dict):
        return sum(_lists_in(v) for v in value.values())
    return 0


def test_summaries_are_held_without_lists_so_the_garbage_collector_skips_them(tmp_path):
    # A list is always tracked by the garbage collector; the summaries of every module a
    # flake8 run reads stay until it ends, and as lists they doubled the time of its full
    # collections on FastAPI's sdist.
    path = source(tmp_path)
    nested = {"classes": {"A": {"bases": ["pydantic.BaseModel"], "fields": ["x", "y"]}}, "star": []}
    SummaryCache(tmp_path).put(path, nested)
    assert _lists_in(SummaryCache(tmp_path).get(path)) == 0  # from memory
    cache_mod.reset()
    got = SummaryCache(tmp_path).get(path)  # from disk
    assert got == {"classes": {"A": {"bases": ("pydantic.BaseModel",), "fields": ("x", "y")}}, "star": ()}
    assert _lists_in(got) == 0
    gc.collect()
    assert not gc.is_tracked(got["classes"]["A"]["bases"])
    assert not gc.is_tracked(got["star"])
