"""XFA9xx details that eval files cannot express."""

from __future__ import annotations

from harness import check, messages

ODD = '''
import logging
from unittest import mock
from fastapi.testclient import TestClient
logger = logging.getLogger(__name__)
f = lambda x, *a, **k: x
async def g(*, a, b=1, **kw):
    match a:
        case [x] if x:
            if x:
                if x:
                    if x:
                        logger.info("x")
    try:
        pass
    except* ValueError:
        pass
    if (n := len(a)):
        mock.patch(**kw)
        TestClient(*a)
def validate_and_store() -> "bool":
    """Only a docstring."""
'''


def test_odd_syntax_does_not_crash(capsys):
    found = check(ODD, "tests/repositories/x_test.py", select=["XFA9"])
    assert "internal error" not in capsys.readouterr().err
    assert ("XFA902" in {c for _, _, c in found})


def test_messages_name_the_fix():
    source = "def active(user: dict) -> bool:\n    return True\n"
    ((_, _, message),) = messages(source, "app/x.py", select=["XFA906"])
    assert message == (
        "XFA906 function active returns bool but its name does not start with is_, has_, can_ or should_; "
        "rename it, e.g. is_active"
    )
    ((_, _, message),) = messages("x = 1\n", "app/services/UserService.py", select=["XFA905"])
    assert message.endswith("rename the module to 'user_service'")


def test_all_xfa9_are_off_by_default():
    long_body = "def validate_and_save(a, b) -> bool:\n" + "    a += 1\n" * 40 + "    return a\n"
    assert [c for _, _, c in check(long_body, "app/services/UserService.py") if c.startswith("XFA9")] == []
