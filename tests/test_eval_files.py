"""Every file in tests/eval/ reports exactly the findings written next to its code."""

from __future__ import annotations

import pytest

from harness import EVAL_DIR, load

FILES = sorted(EVAL_DIR.glob("XFA*.py"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_eval_file(path):
    case = load(path)
    expected_texts = case.expected_texts
    actual_messages = case.actual_messages()
    expected, actual = set(expected_texts), set(actual_messages)
    missing = sorted(expected - actual)
    unexpected = sorted(actual - expected)
    assert not missing and not unexpected, (
        f"{path.name}: missing {missing}, unexpected {unexpected}"
    )
    wrong_text = [
        (where, text, actual_messages[where])
        for where, texts in sorted(expected_texts.items())
        for text in texts
        if text not in actual_messages[where]
    ]
    assert not wrong_text, f"{path.name}: message without its expected text: {wrong_text}"


def test_every_eval_file_expects_something_or_says_it_is_clean():
    for path in FILES:
        case = load(path)
        assert case.expected or "_clean" in path.stem or "_ok" in path.stem, (
            f"{path.name} expects no finding: name it *_ok.py if that is the point"
        )
