"""XFA4xx messages: the concrete v2 replacement is named."""

from __future__ import annotations

import textwrap

from harness import at_line_length, declined, messages

from flake8_fastapi_conventions.rules.pydantic_models._shared import V1_METHODS
from flake8_fastapi_conventions.rules.pydantic_models.config_classes import V1_CONFIG_KEYS


def _messages(source: str, code: str, **options: str) -> list[str]:
    found = messages(textwrap.dedent(source), select=[code], **options)
    return [m for _, _, m in found if m.startswith(code)]


def test_config_message_names_the_v2_keys():
    (msg,) = _messages(
        """
        from pydantic import BaseModel

        class Out(BaseModel):
            class Config:
                orm_mode = True
                allow_population_by_field_name = True
                anystr_strip_whitespace = True
                schema_extra = {"example": 1}
                allow_mutation = False
                smart_union = True
        """,
        "XFA401",
    )
    assert (
        "model_config = ConfigDict(from_attributes=True, populate_by_name=True, str_strip_whitespace=True, "
        "json_schema_extra={'example': 1}, frozen=True) and drop smart_union (removed in v2)"
    ) in msg


def test_settings_config_message_uses_settings_config_dict():
    source = """
        from app.core.settings.base import BaseAppSettings

        class AppSettings(BaseAppSettings):
            class Config:
                validate_assignment = True
        """
    (msg,) = _messages(source, "XFA401", fastapi_schema_modules="app.core.settings")
    assert "use model_config = SettingsConfigDict(validate_assignment=True)" in msg


def test_method_messages_name_the_v2_call():
    source = """
        from pydantic import BaseModel

        class User(BaseModel):
            name: str

        def f(user: User, row: object, data: dict):
            user.dict()
            user.json()
            User.parse_obj(data)
            User.parse_raw("{}")
            User.from_orm(row)
            user.copy(update={"name": "x"})
            User.schema()
            User.schema_json()
            User.update_forward_refs()
            User.construct()
            User(name="x").dict()
            User.from_orm(some.very_long_attribute_chain.that_is_cut())
        """
    found = _messages(source, "XFA402")
    hints = [m.split("; use ", 1)[1].split(" (fix:", 1)[0].split(" [no automatic fix:", 1)[0] for m in found]
    assert hints == [
        "user.model_dump()",
        "user.model_dump_json()",
        "User.model_validate(...)",
        "User.model_validate_json(...)",
        "User.model_validate(row, from_attributes=True)",
        "user.model_copy(...)",
        "User.model_json_schema()",
        "json.dumps(User.model_json_schema())",
        "User.model_rebuild()",
        "User.model_construct()",
        "User(...).model_dump()",
        "User.model_validate(obj, from_attributes=True)",
    ]


def test_datetime_messages():
    source = """
        import datetime
        from datetime import datetime as DateTime

        datetime.datetime.utcnow()
        DateTime.utcnow()
        """
    first, second = _messages(source, "XFA411")
    # timezone.utc works on every Python version; UTC only from 3.11 on
    assert "use datetime.datetime.now(datetime.timezone.utc) (or datetime.UTC on Python >= 3.11)" in first
    assert "use DateTime.now(timezone.utc) (from datetime import timezone; or UTC on Python >= 3.11)" in second


def test_datetime_messages_use_the_time_zone_the_file_imports():
    source = """
        from datetime import datetime, timezone as tz

        datetime.utcnow()
        datetime.utcfromtimestamp(ts)
        """
    first, second = _messages(source, "XFA411")
    assert "; use datetime.now(tz.utc) (or UTC on Python >= 3.11) (unsafe fix" in first
    assert "; use datetime.fromtimestamp(ts, tz.utc) (or UTC on Python >= 3.11)" in second
    source = """
        from datetime import UTC, datetime

        datetime.now()
        """
    (only,) = _messages(source, "XFA411")
    assert only == "XFA411 datetime.now() returns a naive datetime; use datetime.now(UTC)"


def test_shared_maps_for_the_fixer():
    assert V1_CONFIG_KEYS["orm_mode"] == "from_attributes"
    assert V1_CONFIG_KEYS["allow_population_by_field_name"] == "populate_by_name"
    assert V1_CONFIG_KEYS["smart_union"] is None
    assert V1_METHODS["from_orm"] == "model_validate"
    assert V1_METHODS["copy"] == "model_copy"


def test_messages_advertise_the_fix_only_where_the_fixer_applies_it():
    from harness import messages

    source = (
        "from datetime import datetime\n"
        "from pydantic import BaseModel, root_validator, validator\n\n\n"
        "class M(BaseModel):\n"
        "    a: int\n\n"
        "    @validator('a')\n"
        "    def v(cls, value):\n"
        "        return value\n\n"
        "    @validator('a', always=True)\n"
        "    def w(cls, value):\n"
        "        return value\n\n"
        "    @root_validator\n"
        "    def r(cls, values):\n"
        "        return values\n\n\n"
        "def stamps():\n"
        "    first = datetime.utcnow()\n"
        "    return first, datetime.now()\n"
    )
    found = {(line, msg.split()[0]): msg for line, _, msg in messages(source, select=["XFA411"], fastapi_target_pydantic="2")}
    assert found[(8, "XFA403")].endswith("(fix: fastapi-conventions fix)")
    assert "fastapi-conventions fix" not in found[(12, "XFA403")]
    assert "fastapi-conventions fix" not in found[(16, "XFA403")]
    assert found[(22, "XFA411")].startswith("XFA411 datetime.utcnow()")
    assert found[(22, "XFA411")].endswith("(unsafe fix: fastapi-conventions fix --unsafe-fixes)")
    assert found[(23, "XFA411")].startswith("XFA411 datetime.now()")
    assert "fastapi-conventions fix" not in found[(23, "XFA411")]


def test_generated_module_check_runs_without_the_lines(capsys):
    """A tree passed without its lines (flake8 plugins may get only the tree): the generated-
    module check reads the docstring and does not fail on the missing comments."""
    import ast

    from harness import settings_for

    from flake8_fastapi_conventions.checker import run_checks

    settings = settings_for(["XFA402"])
    code = "from pydantic import BaseModel\n\nclass A(BaseModel):\n    x: int\n\nA(x=1).dict()\n"
    plain = run_checks(ast.parse(code), "app/main.py", settings, None)
    assert [m.split(" ", 1)[0] for _, _, m in plain] == ["XFA402"]
    generated = '"""Auto-generated from the schema. Do not edit."""\n' + code
    assert run_checks(ast.parse(generated), "app/main.py", settings, None) == []
    assert "internal error" not in capsys.readouterr().err


# -- a fix the fixer declines for the project's line length is not offered -------------------


def _at_limit(tmp_path_factory, source: str, code: str, limit: int) -> str:
    """The one ``code`` message of ``source`` in a project whose setup.cfg sets
    ``max-line-length = limit`` (on Pydantic 2, where the XFA4xx fixes apply)."""
    from flake8_fastapi_conventions.checker import check_source
    from flake8_fastapi_conventions.settings import Settings, enabled_codes

    settings = Settings(target_pydantic=2, enabled=enabled_codes(None, [code]))
    path = at_line_length(tmp_path_factory, limit, "app/schemas.py")
    (msg,) = [m for _, _, m in check_source(textwrap.dedent(source), path, settings) if m.startswith(code)]
    return msg


def test_config_class_fix_is_offered_only_within_the_line_length(tmp_path_factory):
    source = """
        from pydantic import BaseModel


        class User(BaseModel):
            class Config:
                validate_all = True
        """
    # the fix writes `    model_config = ConfigDict(validate_default=True)` over the class
    # where it fits: 4 (indent) + 15 ("model_config = ") + 11 ("ConfigDict(") + 21
    # ("validate_default=True") + 1 (")") = 52; below that, one item a line, whose longest
    # lines are `    model_config = ConfigDict(` (4 + 15 + 11 = 30) and
    # `        validate_default=True,` (8 + 21 + 1 = 30)
    assert _at_limit(tmp_path_factory, source, "XFA401", 29).endswith(declined(30, 29))
    for limit in (30, 51, 52):
        assert _at_limit(tmp_path_factory, source, "XFA401", limit).endswith("(fix: fastapi-conventions fix)")


def test_config_class_fix_writes_one_line_where_it_fits_the_project_line_length(tmp_path_factory):
    from flake8_fastapi_conventions.fixer import fix_text
    from flake8_fastapi_conventions.settings import Settings, enabled_codes

    source = (
        "from pydantic import BaseModel\n\n\nclass User(BaseModel):\n    class Config:\n"
        "        validate_all = True\n        str_strip_whitespace = True\n        allow_mutation = False\n"
    )
    items = "validate_default=True, str_strip_whitespace=True, frozen=True"
    one_line = f"    model_config = ConfigDict({items})\n"
    # 4 + 15 + 11 ("    model_config = ConfigDict(") + 21 + 2 + 25 + 2 + 11 (the items) + 1 = 92:
    # over black's 88, which the fix used to write one line within, whatever the limit
    assert len(one_line) - 1 == 92
    per_item = "    model_config = ConfigDict(\n" + "".join(f"        {i},\n" for i in items.split(", ")) + "    )\n"
    settings = Settings(target_pydantic=2, enabled=enabled_codes(None, ["XFA401"]))
    expected = {79: per_item, 91: per_item, 92: one_line, 120: one_line}
    for limit, body in expected.items():
        path = at_line_length(tmp_path_factory, limit, "app/schemas.py")
        result = fix_text(source, path, settings)
        head = "from pydantic import BaseModel, ConfigDict\n\n\nclass User(BaseModel):\n"
        assert result.text == head + body, (limit, result.text)


def test_v1_method_fix_is_offered_only_within_the_line_length(tmp_path_factory):
    source = """
        from pydantic import BaseModel


        class User(BaseModel):
            name: str


        def to_payload(user: User) -> dict:
            return user.dict()
        """
    # `    return user.model_dump()`: 4 + 7 ("return ") + 5 ("user.") + 12 ("model_dump()") = 28
    assert _at_limit(tmp_path_factory, source, "XFA402", 27).endswith(declined(28, 27))
    assert _at_limit(tmp_path_factory, source, "XFA402", 28).endswith("(fix: fastapi-conventions fix)")


def test_v1_validator_fix_is_offered_only_within_the_line_length(tmp_path_factory):
    source = """
        from pydantic import BaseModel, validator


        class User(BaseModel):
            name: str

            @validator("name")
            def s(cls, v):
                return v
        """
    # `    @field_validator("name")`: 4 + 1 ("@") + 15 ("field_validator") + 8 ('("name")') = 28;
    # the `    @classmethod` line it adds is 16
    assert _at_limit(tmp_path_factory, source, "XFA403", 27).endswith(declined(28, 27))
    assert _at_limit(tmp_path_factory, source, "XFA403", 28).endswith("(fix: fastapi-conventions fix)")


def test_orm_mode_fix_is_offered_only_within_the_line_length(tmp_path_factory):
    source = """
        from pydantic import BaseModel, ConfigDict


        class User(BaseModel):
            model_config = ConfigDict(orm_mode=True)
        """
    # `    model_config = ConfigDict(from_attributes=True)`: 4 + 15 ("model_config = ")
    # + 11 ("ConfigDict(") + 20 ("from_attributes=True") + 1 (")") = 51
    assert _at_limit(tmp_path_factory, source, "XFA404", 50).endswith(declined(51, 50))
    assert _at_limit(tmp_path_factory, source, "XFA404", 51).endswith("(fix: fastapi-conventions fix)")


def test_utcnow_fix_is_offered_only_within_the_line_length(tmp_path_factory):
    source = """
        from datetime import datetime


        def stamp() -> datetime:
            return datetime.utcnow()
        """
    # both edits of the line are measured together, as the fixer writes them:
    # `    return datetime.now(timezone.utc)`: 4 + 7 ("return ") + 9 ("datetime.")
    # + 3 ("now") + 14 ("(timezone.utc)") = 37
    assert _at_limit(tmp_path_factory, source, "XFA411", 36).endswith(declined(37, 36))
    assert _at_limit(tmp_path_factory, source, "XFA411", 37).endswith(
        "(unsafe fix: fastapi-conventions fix --unsafe-fixes)"
    )
