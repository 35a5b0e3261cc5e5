"""Whether a fix keeps to the project's line length, decided on the lint path.

``fastapi-conventions fix`` declines a rewrite that would leave a line over the project's
line length (flake8's ``max-line-length``, ruff's or black's ``line-length``) when that line
was within it. The rule decides this when it reports the finding, from the edits its fix
will make, so that the message offers a fix only where the fixer applies it: the fixer
reads the decision from the message (:func:`.registry.declined_reason`).

An edit is ``((line, col), (end_line, end_col), text)``: the source from ``(line, col)`` to
``(end_line, end_col)`` (1-based lines, columns in UTF-8 bytes as :mod:`ast` counts them)
replaced by ``text``; an insertion has ``start == end``.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_right
from typing import Sequence, Tuple

Position = Tuple[int, int]
LineEdit = Tuple[Position, Position, str]

_NEWLINE = re.compile(r"\r\n|\r|\n")


def node_span(node: object) -> tuple[Position, Position]:
    """The ``(start, end)`` of an :mod:`ast` node, for a :data:`LineEdit`."""
    return (node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]


def replace(node: object, text: str) -> LineEdit:
    """The edit replacing ``node``'s source by ``text``."""
    start, end = node_span(node)
    return start, end, text


def _chars(line: str, col: int) -> int:
    """The character index of UTF-8 byte column ``col`` of ``line``."""
    if line.isascii():
        return col
    return len(line.encode("utf-8")[:col].decode("utf-8", errors="ignore"))


def source_text(lines: Sequence[str], node: object) -> str:
    """The source text of an :mod:`ast` node, from the file's lines (endings kept)."""
    return span_text(lines, *node_span(node))


def span_text(lines: Sequence[str], start: Position, end: Position) -> str:
    """The source text from ``start`` to ``end`` (:mod:`ast` positions), endings kept."""
    (line, col), (end_line, end_col) = start, end
    first = lines[line - 1]
    if line == end_line:
        return first[_chars(first, col) : _chars(first, end_col)]
    last = lines[end_line - 1]
    middle = "".join(lines[line : end_line - 1])
    return first[_chars(first, col) :] + middle + last[: _chars(last, end_col)]


def arguments_start(lines: Sequence[str], call: ast.Call) -> tuple[int, int] | None:
    """Where the ``(`` of a call's arguments is, ``(line, col)`` (col in UTF-8 bytes): the
    start of the ``argument_list`` a fixer replaces. Only blanks and line continuations
    can be between the function and it (a comment makes the fixers skip)."""
    line, col = call.func.end_lineno or call.func.lineno, call.func.end_col_offset or 0
    while line <= (call.end_lineno or call.lineno) and line <= len(lines):
        found = lines[line - 1].encode("utf-8").find(b"(", col)
        if found >= 0:
            return line, found
        line, col = line + 1, 0
    return None


def length_reason(longest: int, limit: int, source: str | None) -> str:
    """The reason a fix is declined, as the lint path and the fixer both word it."""
    return (
        f"the rewritten line would be {longest} characters, over the project's "
        f"line length of {limit} ({source})"
    )


class LineBudget:
    """The lines of one file against the project's line length. Rewrites granted so far
    are counted, so that two fixes of one line are measured together (the fixer applies
    them in turn and measures the second against the line the first left)."""

    __slots__ = ("lines", "limit", "source", "growth")

    def __init__(self, lines: Sequence[str], limit: int, source: str | None) -> None:
        self.lines = lines
        self.limit = limit
        self.source = source
        #: characters that granted rewrites add to a line (by line number)
        self.growth: dict[int, int] = {}

    def _line(self, number: int) -> str:
        return self.lines[number - 1].rstrip("\r\n")

    def blocker(self, edits: Sequence[LineEdit]) -> str | None:
        """Why ``edits`` would be declined, or None (and they are counted as granted).
        The edits of one line are measured together, as the fixer measures them; a line
        already over the limit may stay so: the fix is not what made it long."""
        count = len(self.lines)
        groups: list[tuple[int, int, list[LineEdit]]] = []
        for edit in sorted(edits):
            (line, _), (end_line, _), _ = edit
            if not 1 <= line <= end_line <= count:
                return None  # not this file's lines: the fixer measures it
            if groups and line <= groups[-1][1]:
                first, last, group = groups[-1]
                groups[-1] = (first, max(last, end_line), [*group, edit])
            else:
                groups.append((line, end_line, [edit]))
        measured: list[tuple[int, int, int]] = []  # (first line, last line, longest after)
        worst = None
        for line, end_line, group in groups:
            span = range(line, end_line + 1)
            if max(len(self._line(n)) + self.growth.get(n, 0) for n in span) > self.limit:
                continue
            after = self._rewritten(line, end_line, group)
            longest = max(len(part) for part in _NEWLINE.split(after)) + max(self.growth.get(n, 0) for n in span)
            measured.append((line, end_line, longest))
            if longest > self.limit and (worst is None or longest > worst):
                worst = longest
        if worst is not None:
            return length_reason(worst, self.limit, self.source)
        for line, end_line, longest in measured:
            for n in range(line, end_line + 1):
                self.growth[n] = max(self.growth.get(n, 0), longest - len(self._line(n)))
        return None

    def _rewritten(self, line: int, end_line: int, edits: Sequence[LineEdit]) -> str:
        """Lines ``line`` to ``end_line`` with ``edits`` (sorted, within them) applied."""
        out: list[str] = []
        at = (line, 0)
        for (start, end, text) in edits:
            out.append(self._between(at, start))
            out.append(text)
            at = max(at, end)
        last = self._line(end_line)
        out.append(self._between(at, (end_line, len(last.encode("utf-8")))))
        return "".join(out)

    def _between(self, start: Position, end: Position) -> str:
        """The source from ``start`` to ``end`` (line endings as ``\\n``)."""
        (line, col), (end_line, end_col) = start, end
        if (line, col) >= (end_line, end_col):
            return ""
        first = self._line(line)
        if line == end_line:
            return first[_chars(first, col) : _chars(first, end_col)]
        middle = [self._line(n) for n in range(line + 1, end_line)]
        last = self._line(end_line)
        return "\n".join([first[_chars(first, col) :], *middle, last[: _chars(last, end_col)]])


class LineText:
    """The text of lines ``first`` to ``last`` of a file (1-based, endings kept), with the
    :attr:`text` and :meth:`offset` that :func:`keyword_insertion` reads of the fixer's
    ``Source``, and :meth:`position` back: the rule builds the fix's edit from its lines."""

    __slots__ = ("lines", "first", "text", "starts")

    def __init__(self, lines: Sequence[str], first: int, last: int) -> None:
        self.lines = lines
        self.first = first
        self.text = "".join(lines[first - 1 : last])
        self.starts = [0]
        for line in lines[first - 1 : last - 1]:
            self.starts.append(self.starts[-1] + len(line))

    def offset(self, line: int, col: int) -> int:
        """Character offset of ``ast``'s (1-based line, UTF-8 byte column)."""
        text = self.lines[line - 1]
        return self.starts[line - self.first] + len(text.encode("utf-8")[:col].decode("utf-8", errors="ignore"))

    def position(self, offset: int) -> Position:
        """The (1-based line, UTF-8 byte column) of a character offset."""
        i = bisect_right(self.starts, offset) - 1
        return self.first + i, len(self.text[self.starts[i] : offset].encode("utf-8"))
