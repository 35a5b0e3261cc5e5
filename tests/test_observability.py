"""XFA8xx details that eval files cannot express."""

from __future__ import annotations

import ast
import subprocess
import sys

from flake8_fastapi_conventions.checker import run_checks
from flake8_fastapi_conventions.context import comment_of
from flake8_fastapi_conventions.rules.observability.sensitive_data import names_secret
from flake8_fastapi_conventions.rules.observability.swallowed_exceptions import explains
from harness import at_line_length, check, declined, settings_for

SWALLOW = "try:\n    f()\nexcept OSError:\n    pass\n"


def test_comment_of_ignores_hashes_in_strings():
    assert comment_of('x = "# not a comment"\n') is None
    assert comment_of("x = 'a # b'  # real\n") == " real\n"
    assert comment_of('x = "a \\" # b"\n') is None
    assert comment_of('x = """# doc"""  # c\n') == " c\n"


def test_directive_comments_do_not_explain():
    assert not explains("    pass  # noqa\n")
    assert not explains("    pass  # noqa: S110\n")
    assert not explains("    pass  # type: ignore[misc]\n")
    assert not explains("    pass  # pragma: no cover\n")
    assert explains("    pass  # noqa: S110  # the file may be gone\n")
    assert explains("    pass  # best effort\n")


def test_swallowed_exception_is_silent_without_lines():
    tree = ast.parse(SWALLOW)
    settings = settings_for(["XFA809"])
    assert run_checks(tree, "app/x.py", settings, None) == []
    assert [m.split()[0] for _, _, m in run_checks(tree, "app/x.py", settings, SWALLOW.splitlines(True))] == ["XFA809"]


def test_flake8_passes_lines_to_the_plugin(tmp_path):
    target = tmp_path / "app" / "x.py"
    target.parent.mkdir()
    target.write_text(SWALLOW + "try:\n    f()\nexcept OSError:  # expected\n    pass\n")
    out = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "XFA809", str(target)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert out.stdout.count("XFA809") == 1, out.stdout + out.stderr
    assert ":3:1: XFA809" in out.stdout


def test_flake8_stdin_passes_lines(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "XFA809", "--stdin-display-name", "app/x.py", "-"],
        input=SWALLOW, capture_output=True, text=True, cwd=tmp_path,
    )
    assert "stdin" not in out.stderr
    assert ":3:1: XFA809" in out.stdout, out.stdout + out.stderr


def test_secret_names():
    for name in ("password", "access_token", "SECRET_KEY", "api_key", "apiKey", "X-API-Key", "Authorization", "client_secret", "new_password"):
        assert names_secret(name), name
    for name in ("token_type", "token_expires_at", "password_reset_url", "max_tokens", "key", "token_id", "tokens"):
        assert not names_secret(name), name


def test_log_messages_name_the_fix():
    source = "import logging\nlogger = logging.getLogger(__name__)\nlogger.info(f'x {y}')\n"
    from harness import messages

    (line, col, message), = messages(source, select=["XFA801"])
    assert message.startswith("XFA801 log message built with an f-string; pass a constant message")
    assert message.endswith("(unsafe fix: fastapi-conventions fix --unsafe-fixes)")


def test_odd_syntax_does_not_crash(capsys):
    source = (
        "import logging\n"
        "logger = logging.getLogger(__name__)\n"
        "def f(*a, **k):\n"
        "    logger.info(*a, **k)\n"
        "    logger.log()\n"
        "    logger.info()\n"
        "    (lambda: logger.info(f'{a}'))()\n"
        "    match a:\n"
        "        case [x]:\n"
        "            logger.error(x, **k)\n"
        "    try:\n"
        "        pass\n"
        "    except* (ValueError, TypeError) as eg:\n"
        "        raise eg.exceptions[0]\n"
        "    if (n := len(a)):\n"
        "        print(n)\n"
        "class C:\n"
        "    log = logging.getLogger()\n"
        "    def m(self):\n"
        "        self.log.info('a', user=1)\n"
        "logging.getLogger().info(*[], **{})\n"
    )
    if sys.version_info >= (3, 12):
        source += "type Alias = list[int]\nclass D[T]:\n    def m(self):\n        print(1)\n"
    check(source, "app/services/x.py", select=["XFA8"])
    assert "internal error" not in capsys.readouterr().err


def test_self_referencing_class_attributes_do_not_recurse(capsys):
    source = (
        "import logging\n"
        "class Stream:\n"
        "    def __init__(self, log):\n"
        "        self._log = self._log.getChild('x')\n"
        "        self.logger = self.logger\n"
        "    def run(self):\n"
        "        self.logger.info(f'{self}')\n"
        "        self._log.error('x', user=1)\n"
        "def f():\n"
        "    log = log.bind()\n"
        "    log.info(f'{log}')\n"
    )
    assert check(source, "app/x.py", select=["XFA8"]) == []
    assert "internal error" not in capsys.readouterr().err


# -- the fix is offered only where it keeps to the project's line length ----------------

def _messages_at(tmp_path_factory, source: str, code: str, limit: int) -> list[str]:
    from flake8_fastapi_conventions.checker import check_source

    path = at_line_length(tmp_path_factory, limit, "app/services/x.py")
    return [m for _, _, m in check_source(source, path, settings_for([code]))]


def test_xfa801_offers_its_fix_only_within_the_line_length(tmp_path_factory):
    source = (
        "import logging\n\nlogger = logging.getLogger(__name__)\n\n\n"
        "def place(order) -> None:\n"
        '    logger.info(f"order {order.id} placed")\n'
    )
    # 43 characters: 4 spaces, `logger.info(` 12, `f"order {order.id} placed"` 26, `)` 1; the fix
    # writes `"order %s placed", order.id` (17 + 10 = 27): 4 + 12 + 27 + 1 = 44
    (message,) = _messages_at(tmp_path_factory, source, "XFA801", 43)
    assert message.startswith("XFA801 log message built with an f-string")
    assert message.endswith(" " + declined(44, 43))
    (message,) = _messages_at(tmp_path_factory, source, "XFA801", 44)
    assert message.endswith("(unsafe fix: fastapi-conventions fix --unsafe-fixes)")


def test_xfa804_offers_its_fix_only_within_the_line_length(tmp_path_factory):
    source = (
        "import logging\n\nlogger = logging.getLogger(__name__)\n\n\n"
        "def charge(order_id: int) -> None:\n"
        "    try:\n"
        "        submit(order_id)\n"
        "    except ValueError:\n"
        '        logger.error("payment.failed")\n'
    )
    # 38 characters: 8 spaces, `logger.error(` 13, `"payment.failed"` 16, `)` 1; `error` (5)
    # becomes `exception` (9): 38 + 4 = 42
    (message,) = _messages_at(tmp_path_factory, source, "XFA804", 41)
    assert message == "XFA804 logger.error() in an except block drops the traceback; use logger.exception(...) " + declined(42, 41)
    (message,) = _messages_at(tmp_path_factory, source, "XFA804", 42)
    assert message.endswith("(fix: fastapi-conventions fix)")


def test_xfa810_offers_its_fix_only_within_the_line_length(tmp_path_factory):
    source = (
        "def fetch(client, url: str) -> bytes:\n"
        "    try:\n"
        "        return client.get(url)\n"
        "    except TimeoutError as e:\n"
        '        raise ExternalServiceError("upstream timed out")\n'
    )
    # 56 characters: 8 spaces, `raise ` 6, `ExternalServiceError(` 21, `"upstream timed out"` 20,
    # `)` 1; the fix adds ` from e` (7): 56 + 7 = 63
    (message,) = _messages_at(tmp_path_factory, source, "XFA810", 62)
    assert message.startswith("XFA810 new exception raised inside 'except ... as e' without a cause")
    assert message.endswith(" " + declined(63, 62))
    (message,) = _messages_at(tmp_path_factory, source, "XFA810", 63)
    assert message.endswith("(unsafe fix: fastapi-conventions fix --unsafe-fixes)")
