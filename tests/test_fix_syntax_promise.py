"""A fix the fixer declines for the syntax of the code it would rewrite (a comment inside
the call, the parameter or the message, ``{x=}``) is not offered by the message: the rule
reads the same source text the fixer does, with or without a line length to keep to.

Each case is a pair: the finding with the syntax the fixer declines (the message says
why, the fixer gives the same reason and changes nothing), and the same code without it
(the fix is offered and applied), so that the first half cannot pass by offering nothing."""

from __future__ import annotations

import pytest

from harness import messages, settings_for

from flake8_fastapi_conventions.fixer import fix_text

_APP = "from fastapi import Depends, FastAPI, Query\n\napp = FastAPI()\n\n\ndef dep() -> int:\n    return 1\n\n\n"

#: (id, select, declined source, its finding (line, col, code), the reason, offered source
#: or (offered source, its finding) where that is elsewhere)
CASES = [
    (
        "XFA309 comment inside the parameter",
        ["XFA309"],
        _APP + '@app.get("/a")\nasync def a(\n    q: int = Depends(  # the dependency\n        dep\n    ),\n):\n    return q\n',
        (12, 5, "XFA309"),
        "comments inside the parameter",
        _APP + '@app.get("/a")\nasync def a(\n    q: int = Depends(\n        dep\n    ),\n):\n    return q\n',
    ),
    (
        "XFA309 comment between annotation and default",
        ["XFA309"],
        _APP + '@app.get("/a")\nasync def a(\n    q: str | None  # the query\n    = Query(None),\n):\n    return q\n',
        (12, 5, "XFA309"),
        "comments inside the parameter",
        _APP + '@app.get("/a")\nasync def a(\n    q: str | None\n    = Query(None),\n):\n    return q\n',
    ),
    (
        "XFA504 comment inside an empty call",
        ["XFA504"],
        "from sqlalchemy.ext.asyncio import async_sessionmaker\n\nMaker = async_sessionmaker(  # configured later\n)\n",
        (3, 9, "XFA504"),
        "comments inside the call",
        "from sqlalchemy.ext.asyncio import async_sessionmaker\n\nMaker = async_sessionmaker(\n)\n",
    ),
    (
        "XFA601 comment inside FastAPI()",
        ["XFA601"],
        'from fastapi import FastAPI\n\napp = FastAPI(  # the app\n)\n\n\n@app.on_event("startup")\nasync def connect() -> None:\n    pass\n',
        (7, 2, "XFA601"),
        "comments inside the call",
        'from fastapi import FastAPI\n\napp = FastAPI(\n)\n\n\n@app.on_event("startup")\nasync def connect() -> None:\n    pass\n',
    ),
    (
        "XFA322 comment inside the removed argument",
        ["XFA322"],
        _APP + '@app.get(\n    "/a",  # the path\n    response_model=int,\n)\nasync def a() -> int:\n    return 1\n',
        (12, 5, "XFA322"),
        "a comment inside the removed text",
        _APP + '@app.get(\n    "/a",\n    response_model=int,\n)\nasync def a() -> int:\n    return 1\n',
    ),
    (
        "XFA323 comment inside the removed `...,`",
        ["XFA323"],
        'from fastapi import Query\n\n\ndef a(x: int = Query(...,  # required\n                     alias="y")):\n    return x\n',
        (4, 22, "XFA323"),
        "a comment inside the removed text",
        'from fastapi import Query\n\n\ndef a(x: int = Query(...,\n                     alias="y")):\n    return x\n',
    ),
    (
        "XFA323 comment inside a field's removed ` = ...`",
        ["XFA323"],
        "from pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    name: str = (  # required\n        ...\n    )\n",
        (6, 9, "XFA323"),
        "a comment inside the removed text",
        ("from pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    name: str = ...\n", (5, 17, "XFA323")),
    ),
    (
        "XFA323 parentheses around a field's `...`",
        ["XFA323"],
        "from pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    name: str = (...)\n",
        (5, 18, "XFA323"),
        "parentheses around the `...`",
        ("from pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    name: str = ...\n", (5, 17, "XFA323")),
    ),
]


#: rules whose message leaves out why a fix is not offered for any reason but the line length
UNEXPLAINED = {"XFA601"}


def _finding(source: str, select: list[str], at: tuple[int, int, str]) -> str:
    found = {(line, col, m.split(" ", 1)[0]): m for line, col, m in messages(source, select=select)}
    assert at in found, sorted(found)
    return found[at]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_fix_declined_for_its_syntax_is_not_offered(case):
    _, select, source, at, reason, _ = case
    message = _finding(source, select, at)
    if at[2] in UNEXPLAINED:
        assert "[no automatic fix" not in message
    else:
        assert message.endswith(f"[no automatic fix: {reason}]"), message
    assert "fastapi-conventions fix" not in message
    result = fix_text(source, "app/main.py", settings_for(select), unsafe=True)
    assert result.text == source
    assert [(m.finding.line, m.reason) for m in result.manual if m.finding.code == at[2]] == [(at[0], reason)]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_without_that_syntax_the_fix_is_offered_and_applied(case):
    _, select, _, at, _, source = case
    if isinstance(source, tuple):
        source, at = source
    message = _finding(source, select, at)
    assert message.endswith("fastapi-conventions fix)") or message.endswith("--unsafe-fixes)"), message
    result = fix_text(source, "app/main.py", settings_for(select), unsafe=True)
    assert result.text != source and result.fixed >= 1
    assert not [m for m in result.manual if m.finding.code == at[2]]


#: XFA801's fix skips what only the message's source text shows; the rule reads that text
#: whether or not the project sets a line length (it used to only with one)
LOGGING = "import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef report(x: int) -> None:\n"


@pytest.mark.parametrize(
    "call, reason",
    [
        ('    log.info(f"value {x=}")\n', "self-documenting {x=} needs a manual rewrite"),
        ('    log.info(f"value {x}"  # why\n             " and more")\n', "comments inside the message"),
    ],
    ids=["self-documenting", "comment"],
)
def test_xfa801_offers_no_fix_its_fixer_skips_without_a_line_length(call, reason):
    source = LOGGING + call
    [(line, col, message)] = messages(source, select=["XFA801"])
    assert (line, col) == (7, 5)
    assert message == (
        "XFA801 log message built with an f-string; pass a constant message and the values "
        "in extra={...} (or as %-style arguments)"
    )
    result = fix_text(source, "app/main.py", settings_for(["XFA801"]), unsafe=True)
    assert result.text == source
    assert [m.reason for m in result.manual] == [reason]


def test_xfa801_still_offers_the_fix_of_a_plain_f_string_without_a_line_length():
    source = LOGGING + '    log.info(f"value {x}")\n'
    [(_, _, message)] = messages(source, select=["XFA801"])
    assert message.endswith("(unsafe fix: fastapi-conventions fix --unsafe-fixes)")
    result = fix_text(source, "app/main.py", settings_for(["XFA801"]), unsafe=True)
    assert result.text == LOGGING + '    log.info("value %s", x)\n'
