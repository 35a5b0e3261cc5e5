"""The eval-file format itself: expectations with message texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import EvalFile


def _case(source: str) -> EvalFile:
    return EvalFile(path=Path("XFA101_x.py"), source=source,
                    check_path="app/main.py", select=["XFA101"], options={}, prefix="XFA101")


def test_items_with_and_without_texts():
    case = _case('x()  # error: XFA101:5 "requests.get", XFA102:1\n'
                 'y()  # error: XFA103:3 "a, b" "say \\"hi\\""\n')
    assert case.expected_texts == {
        (1, 5, "XFA101"): ["requests.get"],
        (1, 1, "XFA102"): [],
        (2, 3, "XFA103"): ["a, b", 'say "hi"'],
    }


@pytest.mark.parametrize("marker", ["XFA101", "XFA101:5 requests", 'XFA101:5 "open', "XFA101:5,, XFA102:1"])
def test_malformed_expectations_are_errors(marker):
    with pytest.raises(ValueError):
        _case(f"x()  # error: {marker}\n").expected_texts


def test_a_message_text_is_checked_against_the_finding():
    source = (
        "import requests\n\n\n"
        "async def handler(url: str):\n"
        '    requests.get(url)  # error: XFA101:5 "requests.get"\n'
    )
    case = _case(source)
    messages = case.actual_messages()
    assert set(messages) == case.expected
    assert "requests.get" in messages[(5, 5, "XFA101")]
    wrong = _case(source.replace('"requests.get"', '"httpx.get"'))
    assert "httpx.get" not in wrong.actual_messages()[(5, 5, "XFA101")]
