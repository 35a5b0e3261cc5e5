"""The summary's "N more fixable with --unsafe-fixes" counts what an --unsafe-fixes run
rewrites. Found on the realworld example app: "3 more fixable with --unsafe-fixes", then the
--unsafe-fixes run fixed 1 (its two ``application.add_event_handler(...)`` calls inside
``get_application()`` are left to the user by the XFA601 fixer)."""

from __future__ import annotations

from flake8_fastapi_conventions.fixer import fix_text
from flake8_fastapi_conventions.settings import Settings, enabled_codes

FACTORY = (
    "from fastapi import FastAPI\n"
    "\n"
    "\n"
    "def get_application() -> FastAPI:\n"
    "    application = FastAPI()\n"
    '    application.add_event_handler("startup", connect)\n'
    '    application.add_event_handler("shutdown", disconnect)\n'
    "    return application\n"
)

ON_EVENT = (
    "from fastapi import FastAPI\n"
    "\n"
    "app = FastAPI()\n"
    "\n"
    "\n"
    '@app.on_event("startup")\n'
    "async def connect() -> None:\n"
    "    pass\n"
    "\n"
    "\n"
    '@app.on_event("shutdown")\n'
    "async def disconnect() -> None:\n"
    "    pass\n"
)

SETTINGS = Settings(enabled=enabled_codes(None, ["XFA601"]))


def test_findings_the_unsafe_fixer_declines_are_not_counted_as_fixable():
    safe = fix_text(FACTORY, "app/main.py", SETTINGS)
    unsafe = fix_text(FACTORY, "app/main.py", SETTINGS, unsafe=True)
    assert unsafe.fixed == 0
    assert safe.unsafe_available == unsafe.fixed == 0
    assert [(m.finding.line, m.reason) for m in safe.manual] == [
        (6, "only @app.on_event(...) handlers are rewritten automatically"),
        (7, "only @app.on_event(...) handlers are rewritten automatically"),
    ]


def test_a_fix_covering_several_findings_counts_each_of_them():
    safe = fix_text(ON_EVENT, "app/main.py", SETTINGS)
    unsafe = fix_text(ON_EVENT, "app/main.py", SETTINGS, unsafe=True)
    assert safe.text == ON_EVENT and safe.manual == []
    assert safe.unsafe_available == unsafe.fixed == 2
