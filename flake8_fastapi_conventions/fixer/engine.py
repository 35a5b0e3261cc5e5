"""The fix engine: findings from the rules, edits computed with ast-grep, applied in passes.

Detection stays in the rules. For each pass the engine parses the file, runs the same
rule objects flake8 runs (:func:`flake8_fastapi_conventions.checker.run_checks`), keeps
the findings flake8 would report (the ``policy``: select/ignore, per-file-ignores,
``# noqa``) and asks the fixer of each fixable finding for its edits. The fixer finds the
node to rewrite from the finding's position (``docs/developing.md`` lists where each
fixable rule reports) and builds the edit from ast-grep nodes: exact character ranges,
everything outside them untouched. Edits that overlap an edit already taken in this pass
wait for the next pass; the file is parsed and checked again after each pass, up to
:data:`MAX_PASSES` times.

Positions: ``ast`` and flake8 count columns in UTF-8 bytes, ast-grep in characters. Every
edit here is in characters of the decoded source; :meth:`Source.offset` converts.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from ast_grep_py import SgNode, SgRoot

from ..checker import run_checks
from ..fixes import FIXERS, Edit, Finding, Fix, Fixer, Need, Skip, fix_safety  # noqa: F401  (the fix API)
from ..line_budget import length_reason
from ..registry import RULES, declined_reason
from ..settings import Settings

if TYPE_CHECKING:
    from ..targets import Targets

#: how many check-and-fix passes one file gets (overlapping fixes need more than one)
MAX_PASSES = 8

_NEWLINE = re.compile(r"\r\n|\r|\n")


# -- one pass over one version of the source ----------------------------------------


class Source:
    """One version of a file: its text, ``ast`` tree, ast-grep root and position maps."""

    def __init__(self, text: str, filename: str, settings: Settings | None = None) -> None:
        self.text = text
        self.filename = filename
        #: the run's settings (``fastapi-project-root``, ``fastapi-target-*``)
        self.settings = settings
        self.tree = ast.parse(text, filename)
        self._root: SgNode | None = None
        self.line_starts = [0]
        for m in _NEWLINE.finditer(text):
            self.line_starts.append(m.end())
        m = _NEWLINE.search(text)
        self.newline = m.group() if m else "\n"
        self._ast_index: dict[tuple[int, int], list[ast.AST]] | None = None
        self._parents: dict[int, ast.AST] | None = None
        self._sg_index: dict[str, dict[tuple[int, int], SgNode]] = {}
        self._imported: dict[tuple[str, str | None], str] | None = None
        self._top_names: set[str] | None = None
        #: scratch space shared by the fixers during one pass
        self.cache: dict[object, object] = {}
        #: the findings of this pass that the run will try to fix
        self.findings: list[Finding] = []

    # lines ------------------------------------------------------------------
    @property
    def lines(self) -> list[str]:
        starts = self.line_starts
        out = [self.text[a:b] for a, b in zip(starts, starts[1:])]
        if starts[-1] < len(self.text):
            out.append(self.text[starts[-1] :])
        return out

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based) without its line ending."""
        if line - 1 >= len(self.line_starts):
            return ""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def offset(self, line: int, col: int) -> int:
        """Character offset of ``ast``'s (1-based line, UTF-8 byte column)."""
        if line - 1 >= len(self.line_starts):
            return len(self.text)
        start = self.line_starts[line - 1]
        text = self.line_text(line)
        prefix = text.encode("utf-8")[:col].decode("utf-8", errors="ignore")
        return start + len(prefix)

    def start_of(self, node: ast.AST) -> int:
        return self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end_of(self, node: ast.AST) -> int:
        return self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    def line_start(self, offset: int) -> int:
        """Offset of the start of the line holding ``offset``."""
        return self.line_starts[bisect_right(self.line_starts, offset) - 1]

    def indent_at(self, offset: int) -> str:
        start = self.line_start(offset)
        text = self.text[start:offset]
        return text[: len(text) - len(text.lstrip(" \t"))]

    def next_line_start(self, offset: int) -> int:
        """Offset of the start of the line after the one holding ``offset``;
        the end of the text when it is the last line."""
        m = _NEWLINE.search(self.text, offset)
        return m.end() if m else len(self.text)

    # ast --------------------------------------------------------------------
    def ast_at(self, finding: Finding, *types: type) -> list[ast.AST]:
        """The ``ast`` nodes of ``types`` that start at the finding, outermost first."""
        if self._ast_index is None:
            index: dict[tuple[int, int], list[ast.AST]] = {}
            parents: dict[int, ast.AST] = {}
            for node in ast.walk(self.tree):  # breadth first: parents before children
                for child in ast.iter_child_nodes(node):
                    parents[id(child)] = node
                if hasattr(node, "lineno") and hasattr(node, "col_offset"):
                    index.setdefault((node.lineno, node.col_offset), []).append(node)
            self._ast_index, self._parents = index, parents
        return [n for n in self._ast_index.get((finding.line, finding.col), ()) if isinstance(n, types)]

    def parent(self, node: ast.AST) -> ast.AST | None:
        if self._parents is None:
            self.ast_at(Finding(0, 0, "", ""))
        assert self._parents is not None
        return self._parents.get(id(node))

    def ancestors(self, node: ast.AST) -> Iterable[ast.AST]:
        parent = self.parent(node)
        while parent is not None:
            yield parent
            parent = self.parent(parent)

    # ast-grep ------------------------------------------------------------------
    @property
    def root(self) -> SgNode:
        if self._root is None:
            self._root = SgRoot(self.text, "python").root()
        return self._root

    def sg(self, node: ast.AST, *kinds: str) -> SgNode:
        """The ast-grep node of ``kinds`` with exactly ``node``'s range."""
        found = self.sg_at(self.start_of(node), self.end_of(node), *kinds)
        if found is None:
            raise Skip(f"the syntax at {node.lineno}:{node.col_offset + 1} is not what the fix expects")  # type: ignore[attr-defined]
        return found

    def sg_at(self, start: int, end: int, *kinds: str) -> SgNode | None:
        """The ast-grep node of ``kinds`` spanning exactly ``start:end`` (characters)."""
        key = (start, end)
        for kind in kinds:
            index = self._sg_index.get(kind)
            if index is None:
                index = {}
                for n in self.root.find_all(kind=kind):
                    r = n.range()
                    index.setdefault((r.start.index, r.end.index), n)
                self._sg_index[kind] = index
            found = index.get(key)
            if found is not None:
                return found
        return None

    @staticmethod
    def span(node: SgNode) -> tuple[int, int]:
        r = node.range()
        return r.start.index, r.end.index

    def replace(self, node: SgNode, text: str) -> Edit:
        start, end = self.span(node)
        return Edit(start, end, text)

    # the project ---------------------------------------------------------------
    @property
    def targets(self) -> "Targets":
        """The Python and Pydantic versions the file's project declares."""
        from ..targets import project_targets

        return project_targets(self.filename, self.settings)

    def length_blocker(self, edits: Sequence[Edit]) -> str | None:
        """Why ``edits`` are declined for the project's line length (see :func:`_over_length`),
        or None. The engine asks it of every fix; a fixer whose plan for one finding depends
        on whether another is rewritten (a parameter's place among those with defaults) asks it itself."""
        limit = self.targets.line_length
        if limit is None:
            return None
        too_long = _over_length(self, edits, limit)
        if too_long is None:
            return None
        return length_reason(too_long, limit, self.targets.line_length_source)

    # imports -----------------------------------------------------------------
    def module_imports(self) -> list[ast.stmt]:
        return [s for s in self.tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]

    def imported_name(self, module: str, name: str | None = None) -> str | None:
        """The local name under which a module-level import already binds
        ``module`` (or ``module.name``), if any."""
        if self._imported is None:
            self._index_module()
        assert self._imported is not None
        return self._imported.get((module, name))

    def module_binds(self, name: str) -> bool:
        """Whether the module binds ``name`` at top level (assignment, def, class, import)."""
        if self._top_names is None:
            self._index_module()
        assert self._top_names is not None
        return name in self._top_names

    def _index_module(self) -> None:
        """One pass over the module for :meth:`imported_name` and :meth:`module_binds`
        (asked once per fix: a file with thousands of findings must not be walked per fix)."""
        imported: dict[tuple[str, str | None], str] = {}
        stack: list[ast.AST] = list(reversed(self.tree.body))
        while stack:  # the module outside functions and classes, in source order
            stmt = stack.pop()
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            if isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    imported.setdefault((alias.name, None), alias.asname or alias.name)
            elif isinstance(stmt, ast.ImportFrom):
                if stmt.module and not stmt.level:
                    for alias in stmt.names:
                        imported.setdefault((stmt.module, alias.name), alias.asname or alias.name)
            stack.extend(reversed(list(ast.iter_child_nodes(stmt))))
        names: set[str] = set()
        for stmt in self.tree.body:
            for node in ast.walk(stmt):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    names.add(node.name)
                elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    names.add(node.id)
                elif isinstance(node, (ast.Import, ast.ImportFrom)):
                    for alias in node.names:
                        names.add(alias.asname or alias.name.split(".")[0])
        self._imported, self._top_names = imported, names

    def use(self, module: str, name: str | None = None) -> tuple[str, tuple[Need, ...]]:
        """The name to write for ``module`` (or ``module.name``), and the import it needs.

        An existing module-level import is reused (with its alias); otherwise the import
        is added. A top-level name that is already bound to something else makes the fix
        skip rather than shadow it.
        """
        existing = self.imported_name(module, name)
        if existing is not None:
            return existing, ()
        local = name or module.split(".")[0]
        if self.module_binds(local):
            raise Skip(f"the name {local} is already used in this file")
        return (name or module), (Need(module, name),)


# -- imports -------------------------------------------------------------------------


def import_edits(src: Source, needs: Sequence[Need], first_edit: int) -> list[Edit]:
    """Edits adding ``needs`` once, next to the file's existing imports."""
    if not needs:
        return []
    unique: list[Need] = []
    for need in needs:
        if need not in unique:
            unique.append(need)
    first_line = src.text.count("\n", 0, first_edit) + 1 if first_edit < len(src.text) else 10**9
    before = [s for s in src.module_imports() if (s.end_lineno or s.lineno) < first_line]
    edits: list[Edit] = []
    new_lines: list[str] = []
    by_module: dict[str, list[str]] = {}
    for need in unique:
        if need.name is None:
            new_lines.append(f"import {need.module}")
        else:
            by_module.setdefault(need.module, []).append(need.name)
    for module, names in by_module.items():
        target = None
        for stmt in before:
            if (
                isinstance(stmt, ast.ImportFrom)
                and stmt.module == module
                and not stmt.level
                and not any(a.name == "*" for a in stmt.names)
            ):
                target = stmt
        into = _names_into(src, target, names) if target is not None else None
        limit = src.targets.line_length
        if into is not None and (limit is None or _over_length(src, into, limit) is None):
            edits.extend(into)
        else:  # none to add to, or it would go over the project's line length: a line of its own
            new_lines.append(f"from {module} import {', '.join(names)}")
    if not new_lines:
        return edits
    nl = src.newline
    # each new line goes where isort would put it: in its section (standard library,
    # third party, the project's own), ``import x`` before ``from x import``, alphabetically
    anchors: dict[tuple[int, str], list[str]] = {}
    for line in sorted(new_lines, key=_import_key):
        anchor, apart = _import_anchor(src, before, line)
        anchors.setdefault((anchor, apart), []).append(line)
    for (anchor, apart), lines in anchors.items():
        block = "".join(line + nl for line in lines)
        if apart == "before":  # a new section after the others: one blank line above it
            block = nl + block
        elif apart == "after":  # a new section before the next one: one blank line below it
            block += nl
        if anchor == len(src.text) and src.text and not src.text.endswith(("\n", "\r")):
            block = nl + block.rstrip("\r\n")
        edits.append(Edit(anchor, anchor, block))
    return edits


def _name_key(name: str) -> tuple[int, str]:
    """isort's order of the names of one ``from x import`` (its default ``order_by_type``):
    CONSTANTS, then Classes, then functions, each case-insensitively."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, name.lower()


def _names_into(src: Source, stmt: ast.ImportFrom, names: list[str]) -> list[Edit]:
    """Edits adding ``names`` to ``stmt``: each before the first name that sorts after it when
    the statement's names are sorted and on one line (``from typing import Annotated,
    Literal``), else after the last one."""
    aliases = stmt.names
    keys = [_name_key(a.name) for a in aliases]
    one_line = all(a.lineno == stmt.lineno for a in aliases)
    last = aliases[-1]
    end = src.offset(last.end_lineno, last.end_col_offset)  # type: ignore[arg-type]
    if not one_line or keys != sorted(keys):
        return [Edit(end, end, "".join(f", {n}" for n in names))]
    edits = []
    for name in sorted(names, key=_name_key):
        after = next((a for a, k in zip(aliases, keys) if k > _name_key(name)), None)
        if after is None:
            edits.append(Edit(end, end, f", {name}"))
        else:
            at = src.offset(after.lineno, after.col_offset)
            edits.append(Edit(at, at, f"{name}, "))
    return edits


def _import_key(line: str) -> tuple[bool, str]:
    """isort's order inside a section: ``import x`` lines first, then ``from x import``."""
    return line.startswith("from "), line.split()[1].lower()


def _stmt_key(stmt: ast.stmt) -> tuple[bool, str]:
    if isinstance(stmt, ast.ImportFrom):
        return True, ("." * (stmt.level or 0) + (stmt.module or "")).lower()
    return False, stmt.names[0].name.lower()  # type: ignore[attr-defined]


def _section(src: Source, stmt: ast.stmt | None = None, module: str | None = None) -> int:
    """0: ``__future__``, 1: the standard library, 2: third party, 3: the project's own."""
    if stmt is not None:
        if isinstance(stmt, ast.ImportFrom) and stmt.level:
            return 3
        module = stmt.module if isinstance(stmt, ast.ImportFrom) else stmt.names[0].name  # type: ignore[attr-defined]
    head = (module or "").split(".")[0]
    if head == "__future__":
        return 0
    if head in sys.stdlib_module_names:
        return 1
    return 3 if _first_party(src, head) else 2


def _first_party(src: Source, head: str) -> bool:
    from ..project import find_root

    root = find_root(src.filename, getattr(src.settings, "project_root", None))
    if root is None or not head:
        return False
    return any(
        os.path.exists(os.path.join(base, head)) or os.path.exists(os.path.join(base, head + ".py"))
        for base in (root, os.path.join(root, "src"))
    )


def _import_anchor(src: Source, before: list[ast.stmt], line: str) -> tuple[int, str]:
    """Where the new import ``line`` goes among the module's imports above the first edit,
    and whether it opens a section of its own (``"before"``/``"after"``: the side that
    gets a blank line) or joins one (``""``)."""
    if not before:
        return _top_insertion_point(src), ""
    section = _section(src, module=line.split()[1])
    key = _import_key(line)
    placed = [(_section(src, s), s) for s in before]
    same = [s for sec, s in placed if sec == section]
    for stmt in same:
        if _stmt_key(stmt) > key:
            return src.line_start(src.start_of(stmt)), ""
    if same:
        return src.next_line_start(src.end_of(same[-1])), ""
    later = [s for sec, s in placed if sec > section]
    if later:
        return src.line_start(src.start_of(later[0])), "after"
    return src.next_line_start(src.end_of(before[-1])), "before"


def _top_insertion_point(src: Source) -> int:
    """After the module docstring and ``from __future__`` imports, before the first statement."""
    body = list(src.tree.body)
    index = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        index = 1
    while index < len(body) and isinstance(body[index], ast.ImportFrom) and body[index].module == "__future__":
        index += 1
    if index < len(body):
        return src.line_start(src.start_of(body[index]))
    if index:
        return src.next_line_start(src.end_of(body[index - 1]))
    return 0


# -- applying edits --------------------------------------------------------------------


class _Taken:
    """The ranges the fixes of one pass already edit, sorted: whether a new edit meets or
    touches one of them is a binary search, not a scan (thousands of fixes per file)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, edit: Edit) -> bool:
        i = bisect_right(self.starts, edit.end)  # the ranges that start at or before its end
        # the taken ranges do not overlap each other, so the latest-starting one of those
        # has the largest end; it meets ``edit`` when it ends at or after edit.start
        return i > 0 and self.ends[i - 1] >= edit.start

    def add(self, edit: Edit) -> None:
        i = bisect_right(self.starts, edit.start)
        self.starts.insert(i, edit.start)
        self.ends.insert(i, edit.end)


def _line_span(src: Source, edit: Edit) -> tuple[int, int]:
    """Offsets of the start of the first and the end (before the newline) of the last line
    an edit touches."""
    start = src.line_start(edit.start)
    m = _NEWLINE.search(src.text, edit.end)
    return start, m.start() if m else len(src.text)


def _lines_touched(src: Source, edits: Sequence[Edit]) -> set[int]:
    out: set[int] = set()
    for edit in edits:
        first = bisect_right(src.line_starts, edit.start)
        last = bisect_right(src.line_starts, edit.end)
        out.update(range(first, last + 1))
    return out


def _over_length(src: Source, edits: Sequence[Edit], limit: int) -> int | None:
    """The length of the longest line a fix's edits would leave over ``limit`` where the
    lines they rewrite were within it; None when the fix keeps to the limit (lines already
    too long may stay so: the fix is not what made them long). The edits of one line are
    measured together, as the line the fix writes has them all."""
    groups: list[tuple[int, int, list[Edit]]] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start, end = _line_span(src, edit)
        if groups and start <= groups[-1][1]:
            first, last, group = groups[-1]
            groups[-1] = (first, max(last, end), [*group, edit])
        else:
            groups.append((start, end, [edit]))
    worst = None
    for start, end, group in groups:
        before = src.text[start:end]
        if max(len(line) for line in _NEWLINE.split(before)) > limit:
            continue
        after = apply_edits(before, [Edit(e.start - start, e.end - start, e.text) for e in group])
        longest = max(len(line) for line in _NEWLINE.split(after))
        if longest > limit and (worst is None or longest > worst):
            worst = longest
    return worst


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    ordered = sorted(enumerate(edits), key=lambda ie: (ie[1].start, ie[1].end != ie[1].start, ie[0]))
    out: list[str] = []
    pos = 0
    for _, edit in ordered:
        if edit.start < pos:
            raise ValueError("overlapping edits")
        out.append(text[pos : edit.start])
        out.append(edit.text)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


# -- the loop --------------------------------------------------------------------------

Policy = Callable[[str, list[str], list[Finding]], list[Finding]]


def default_policy(filename: str, lines: list[str], findings: list[Finding]) -> list[Finding]:
    """Without flake8 options: every finding, minus those silenced by ``# noqa``."""
    from flake8.violation import Violation

    kept = []
    for f in findings:
        physical = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
        if not Violation(f.code, filename, f.line, f.col + 1, f.text, physical).is_inline_ignored(False):
            kept.append(f)
    return kept


@dataclass
class Manual:
    finding: Finding
    reason: str | None = None


@dataclass
class FixResult:
    original: str
    text: str
    fixed: int = 0
    #: findings left after fixing, with why the fixer did not fix them (None: no fixer);
    #: without the findings an ``--unsafe-fixes`` run would fix
    manual: list[Manual] = field(default_factory=list)
    #: findings an ``--unsafe-fixes`` run would fix
    unsafe_available: int = 0
    #: why the file was left unchanged when it did not parse: ``"line 3, column 9:
    #: SyntaxError: invalid syntax"``; empty when it parsed
    parse_error: str = ""

    @property
    def cannot_parse(self) -> bool:
        return bool(self.parse_error)

    @property
    def changed(self) -> bool:
        return self.text != self.original


def findings_of(src: Source, settings: Settings, policy: Policy) -> list[Finding]:
    lines = src.lines
    raw = run_checks(src.tree, src.filename, settings, lines)
    found = []
    for line, col, message in raw:
        code = message.split(" ", 1)[0]
        found.append(Finding(line, col, code, message))
    return policy(src.filename, lines, found)


def fixable(code: str, unsafe: bool) -> bool:
    declared = RULES.get(code)
    if declared is None or declared.fix is None or code not in FIXERS:
        return False
    return declared.fix == "safe" or unsafe


def parse_error(exc: Exception) -> str:
    """Where and why ``ast.parse`` failed, as ``check`` and flake8 report it (E999)."""
    if isinstance(exc, SyntaxError):
        where = f"line {exc.lineno or 1}, column {exc.offset or 1}: " if exc.lineno else ""
        return f"{where}{type(exc).__name__}: {exc.msg}"
    if isinstance(exc, (RecursionError, MemoryError)):
        return f"{type(exc).__name__}: too deeply nested to parse"
    return f"{type(exc).__name__}: {exc}"


def fix_text(
    text: str,
    filename: str,
    settings: Settings | None = None,
    *,
    unsafe: bool = False,
    policy: Policy | None = None,
) -> FixResult:
    """Apply the fixes of ``text`` (the file ``filename``); never raises on bad input."""
    from . import load_fixers

    load_fixers()
    settings = settings or Settings()
    policy = policy or default_policy
    result = FixResult(original=text, text=text)
    try:
        src = Source(text, filename, settings)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        result.parse_error = parse_error(exc)
        return result
    reasons: dict[tuple[int, int, str], str] = {}
    fixed = 0
    start_src = src
    limit = src.targets.line_length
    for _ in range(MAX_PASSES):
        reasons = {}
        findings = findings_of(src, settings, policy)
        src.findings = [f for f in findings if fixable(f.code, unsafe)]
        fixes: list[Fix] = []
        taken: list[Edit] = []
        spans = _Taken()
        touched: set[int] = set()
        covered: set[Finding] = set()
        count = 0
        for finding in findings:
            if finding in covered or not fixable(finding.code, unsafe):
                continue
            declined = declined_reason(finding.message)
            if declined is not None:  # the rule did not offer the fix (see line_budget)
                reasons[(finding.line, finding.col, finding.code)] = declined
                continue
            try:
                fix = FIXERS[finding.code](src, finding)
            except Skip as skip:
                reasons[(finding.line, finding.col, finding.code)] = skip.reason
                continue
            except Exception as exc:  # a bug in a fixer: leave the finding, keep going
                reasons[(finding.line, finding.col, finding.code)] = f"internal error in the fixer: {exc!r}"
                continue
            if not fix.edits or any(spans.overlaps(e) for e in fix.edits):
                continue
            if limit is not None:
                lines_of = _lines_touched(src, fix.edits)
                if lines_of & touched:
                    continue  # another fix rewrites that line: measured again next pass
                too_long = src.length_blocker(fix.edits)
                if too_long is not None:
                    reasons[(finding.line, finding.col, finding.code)] = too_long
                    continue
                touched |= lines_of
            fixes.append(fix)
            taken.extend(fix.edits)
            for edit in fix.edits:
                spans.add(edit)
            covered.update(fix.covers)
            count += 1 + len(set(fix.covers) - {finding})
        if not fixes:
            break
        needs = [n for fix in fixes for n in fix.imports]
        try:
            edits = import_edits(src, needs, min(e.start for e in taken)) + taken
            new_text = apply_edits(src.text, edits)
            new_src = Source(new_text, filename, settings)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            # the combination does not parse: leave the whole file unchanged
            src = start_src
            fixed = 0
            reasons = {
                (f.line, f.col, f.code): "the fixed file would not parse; left unchanged"
                for f in findings_of(src, settings, policy)
                if fixable(f.code, unsafe)
            }
            break
        fixed += count
        src = new_src
    result.text = src.text
    result.fixed = fixed
    final = findings_of(src, settings, policy)
    # "N more fixable with --unsafe-fixes" counts what such a run would rewrite: each unsafe
    # fix is tried (its edits thrown away); a fixer that declines makes the finding manual
    src.findings = [f for f in final if fixable(f.code, True)]
    src.cache = {}
    would_cover: set[Finding] = set()
    for finding in final:
        if fixable(finding.code, True) and not fixable(finding.code, unsafe):
            if finding not in would_cover:
                try:
                    would_cover.update(FIXERS[finding.code](src, finding).covers)
                except Skip as skip:
                    result.manual.append(Manual(finding, skip.reason))
                    continue
                except Exception as exc:  # a bug in a fixer: the finding stays manual
                    result.manual.append(Manual(finding, f"internal error in the fixer: {exc!r}"))
                    continue
            result.unsafe_available += 1
            continue
        reason = reasons.get((finding.line, finding.col, finding.code))
        if reason is None and fixable(finding.code, unsafe):
            reason = "the fix did not converge"
        result.manual.append(Manual(finding, reason))
    return result
