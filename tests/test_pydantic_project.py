"""XFA4xx with the project index: the fixer on tests/projects/pydantic_app (it rewrites what
the messages offer to fix and nothing else, with the facts of the other modules), and the
other XFA4xx rules on models whose bases live in other modules."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flake8_fastapi_conventions import cli
from flake8_fastapi_conventions.fixer import fix_text
from flake8_fastapi_conventions.settings import Settings

PROJECT = Path(__file__).parent / "projects" / "pydantic_app"
_LINE = re.compile(r"^\./(.+?):(\d+):(\d+): (XFA\d{3}) (.*)$")


def _flake8(root: Path) -> list[tuple[str, int, str, str]]:
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--fastapi-no-cache", "."],
        cwd=root, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode in (0, 1) and not proc.stderr, proc.stderr
    found = []
    for line in proc.stdout.splitlines():
        m = _LINE.match(line)
        assert m, line
        found.append((m.group(1), int(m.group(2)), m.group(4), m.group(5)))
    return found


def _offers_fix(message: str) -> bool:
    return message.endswith(("(fix: fastapi-conventions fix)", "(unsafe fix: fastapi-conventions fix --unsafe-fixes)"))


def test_fix_rewrites_exactly_what_the_messages_offer(tmp_path, monkeypatch, capsys):
    root = tmp_path / "pydantic_app"
    shutil.copytree(PROJECT, root)
    before = _flake8(root)
    offered = [f for f in before if _offers_fix(f[3])]
    left_alone = [f for f in before if not _offers_fix(f[3])]
    assert {(f[0], f[1], f[2]) for f in left_alone} == {
        ("app/validators.py", 15, "XFA403"),  # @root_validator: the signature changes
        ("app/validators.py", 19, "XFA403"),  # compat.validator: another module's name
    }
    untouched = {
        name: (root / name).read_text()
        for name in (
            "app/models/legacy.py", "app/models/orm.py", "app/schemas/audit.py",
            "app/models/mixins.py", "app/core/compat.py",
        )
    }

    monkeypatch.chdir(root)
    code = cli.main(["fix", "--unsafe-fixes", "--fastapi-no-cache", "app"])
    out = capsys.readouterr().out
    assert code == 1
    # the two orm_mode findings inside a class Config go with the Config's rewrite
    assert len(offered) == 22
    assert out.strip().splitlines()[-1] == "Fixed 20 findings in 7 files (2 more need a manual fix)"

    after = _flake8(root)
    assert sorted((f[0], f[2]) for f in after) == [("app/validators.py", "XFA403")] * 2
    assert not any(_offers_fix(f[3]) for f in after)
    for name, text in untouched.items():
        assert (root / name).read_text() == text, f"{name} was changed"

    # the base class is a BaseSettings of another module: SettingsConfigDict, as the message said
    config = (root / "app/config.py").read_text()
    assert "from pydantic_settings import SettingsConfigDict" in config
    assert 'model_config = SettingsConfigDict(\n        # error: XFA401:5\n        env_prefix="APP_",\n    )' in config
    validators = (root / "app/validators.py").read_text()
    assert '@field_validator("name")  # error: XFA403:6\n    @classmethod\n' in validators
    assert '@compat.validator("email")' in validators and "compat.field_validator" not in validators
    services = (root / "app/services/prompts.py").read_text()
    assert "return data.model_dump()" in services
    assert "PromptOut.model_validate(row, from_attributes=True)" in services
    for near_miss in ("    row.dict()\n", "    legacy.dict()\n", "    exported.dict()\n", "    audit.json()\n",
                      "    httpx.get(url).json()\n", "    LegacyPayload.parse_obj({})\n"):
        assert near_miss in services
    # the Config at the end of the file, with a comment on its last line, is rewritten too
    prompt = (root / "app/models/prompt.py").read_text()
    assert "class Config" not in prompt
    assert prompt.endswith("        from_attributes=True,  # error: XFA404:9\n    )\n")


def test_a_config_class_ending_in_a_comment_at_the_end_of_the_file_is_fixed():
    source = textwrap.dedent(
        """\
        from pydantic import BaseModel


        class A(BaseModel):
            id: int

            class Config:
                orm_mode = True  # needed by the repository
        """
    )
    result = fix_text(source, "app/schemas/a.py", Settings(target_pydantic=2))
    assert result.text == textwrap.dedent(
        """\
        from pydantic import BaseModel, ConfigDict


        class A(BaseModel):
            id: int

            model_config = ConfigDict(
                from_attributes=True,  # needed by the repository
            )
        """
    )


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def test_fields_of_models_with_bases_in_other_modules(tmp_path):
    root = _project(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/core/__init__.py": "from .base import AppBase\n",
            "app/core/base.py": "from pydantic import BaseModel\n\n\nclass AppBase(BaseModel):\n    pass\n",
            "app/core/orm.py": "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n",
            "app/schemas.py": """
                from app.core import AppBase
                from app.core.orm import Base


                class Invite(AppBase):
                    email: str
                    total: float


                class InviteRow(Base):
                    email: str
            """,
        },
    )
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--fastapi-no-cache", "--select=XFA407,XFA408", "app/schemas.py"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )
    assert not proc.stderr, proc.stderr
    assert [line.split(" ", 2)[:2] for line in proc.stdout.splitlines()] == [
        ["app/schemas.py:7:5:", "XFA407"],
        ["app/schemas.py:8:5:", "XFA408"],
    ]


# -- the fixes follow the Pydantic version the project declares ---------------------

_V1_MODEL = (
    "from pydantic import BaseModel, validator\n\n\n"
    "class Item(BaseModel):\n"
    "    name: str\n\n"
    "    class Config:\n"
    "        orm_mode = True\n\n"
    "    @validator('name')\n"
    "    def strip(cls, value):\n"
    "        return value.strip()\n\n\n"
    "def dump(item: Item) -> dict:\n"
    "    return item.dict()\n"
)


def _declaring(tmp_path: Path, pyproject: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    (tmp_path / "app").mkdir()
    (tmp_path / "app/__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "app/items.py").write_text(_V1_MODEL, encoding="utf-8")
    return tmp_path


def _fix(root: Path, monkeypatch, capsys, *options: str) -> tuple[str, str]:
    monkeypatch.chdir(root)
    cli.main(["fix", "--fastapi-no-cache", *options, "app"])
    return (root / "app/items.py").read_text(encoding="utf-8"), capsys.readouterr().out


def test_on_a_pydantic_1_project_the_v2_rewrites_are_not_offered(tmp_path, monkeypatch, capsys):
    root = _declaring(tmp_path, '[tool.poetry.dependencies]\npython = "^3.9"\npydantic = "^1.9"\n')
    found = _flake8(root)
    assert {f[2] for f in found} == {"XFA401", "XFA402", "XFA403", "XFA404"}
    assert not any(_offers_fix(f[3]) for f in found)
    text, out = _fix(root, monkeypatch, capsys)
    assert text == _V1_MODEL  # field_validator / ConfigDict would not import under Pydantic 1


def test_a_project_that_declares_no_pydantic_gets_no_v2_rewrite(tmp_path, monkeypatch, capsys):
    root = _declaring(tmp_path, '[project]\nname = "x"\ndependencies = ["fastapi"]\n')
    assert not any(_offers_fix(f[3]) for f in _flake8(root))
    assert _fix(root, monkeypatch, capsys)[0] == _V1_MODEL


def test_a_pydantic_2_project_gets_the_rewrites(tmp_path, monkeypatch, capsys):
    root = _declaring(tmp_path, '[project]\nname = "x"\ndependencies = ["pydantic>=2.4"]\n')
    assert all(_offers_fix(f[3]) for f in _flake8(root))
    text, _ = _fix(root, monkeypatch, capsys)
    assert "model_config = ConfigDict(from_attributes=True)" in text
    assert '@field_validator("name")' in text or "@field_validator('name')" in text
    assert "return item.model_dump()" in text


def test_the_target_option_overrides_what_the_project_declares(tmp_path, monkeypatch, capsys):
    root = _declaring(tmp_path, '[project]\nname = "x"\ndependencies = ["fastapi"]\n')
    (root / ".flake8").write_text("[flake8]\nfastapi-target-pydantic = 2\n", encoding="utf-8")
    assert all(_offers_fix(f[3]) for f in _flake8(root))
    text, _ = _fix(root, monkeypatch, capsys)
    assert "return item.model_dump()" in text


def test_a_bad_target_value_stops_with_one_line(tmp_path):
    root = _declaring(tmp_path, '[project]\nname = "x"\n')
    for option, value in (("--fastapi-target-pydantic", "3"), ("--fastapi-target-python", "three")):
        proc = subprocess.run(
            [sys.executable, "-m", "flake8", f"{option}={value}", "app"],
            cwd=root, capture_output=True, text=True, timeout=120,
        )
        assert proc.returncode != 0
        assert proc.stderr.strip().splitlines()[-1].endswith(f"got {value!r}"), proc.stderr


@pytest.mark.parametrize(
    "project, reason",
    [
        (
            {"pyproject.toml": '[tool.poetry.dependencies]\npydantic = "^1.9"\n'},
            "the project is on Pydantic 1 (pyproject.toml): moving to v2 is a migration",
        ),
        ({"setup.cfg": "[flake8]\n"}, "the project declares no Pydantic version (fastapi-target-pydantic = 2 turns the fix on)"),
    ],
    ids=["pydantic-1", "undeclared"],
)
def test_a_v1_finding_says_why_its_v2_rewrite_is_not_offered(tmp_path, project, reason):
    # the realworld app (pydantic = "^1.9"): the fixer's "[not fixed: the finding offers no
    # automatic fix]" did not say that the project's Pydantic was the reason
    from flake8_fastapi_conventions.checker import check_source
    from flake8_fastapi_conventions.settings import Settings, enabled_codes

    for name, text in project.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    source = (
        "from pydantic import BaseModel, validator\n\n\nclass User(BaseModel):\n    name: str\n\n"
        "    class Config:\n        orm_mode = True\n\n"
        '    @validator("name")\n    def check(cls, v):\n        return v\n\n\n'
        "def dump(user: User) -> dict:\n    return user.dict()\n"
    )
    settings = Settings(enabled=enabled_codes(None, ["XFA401", "XFA402", "XFA403", "XFA404"]))
    found = {(line, m.split(" ", 1)[0]): m for line, _, m in check_source(source, str(tmp_path / "app" / "schemas.py"), settings)}
    assert sorted(found) == [(7, "XFA401"), (8, "XFA404"), (10, "XFA403"), (16, "XFA402")]
    assert all(m.endswith(f"[no automatic fix: {reason}]") for m in found.values()), found
