"""Documentation derived from the rule declarations: one page per rule, the rules table.

``python scripts/gen_docs.py`` writes them; a test fails when they are out of date.
"""

from __future__ import annotations

from .registry import RULES, Rule, rule_references

SEED_TITLES = {
    "000": "seed 000 (routes, services, error handling, async patterns)",
    "001": "seed 001 (Python coding standards: layers, stdlib logging, SQLAlchemy, httpx)",
    "002": "seed 002 (architecture notes: production gotchas)",
    "003": "seed 003 (FastAPI project guidelines)",
    "004": "seed 004 (FastAPI best practices)",
}

GROUP_TITLES = {
    "XFA1": "Async and blocking I/O",
    "XFA2": "Architecture and layering",
    "XFA3": "Routes and the HTTP contract",
    "XFA4": "Pydantic v2 and schemas",
    "XFA5": "Database access",
    "XFA6": "Lifecycle, settings, middleware",
    "XFA7": "Security",
    "XFA8": "Logging and observability",
    "XFA9": "Code shape (opinionated, off by default)",
}


def fix_label(r: Rule) -> str:
    return {"safe": "safe", "unsafe": "unsafe"}.get(r.fix or "", "no")


def render_rule(r: Rule) -> str:
    default = "on" if r.default else "off"
    lines = [
        f"# {r.code} {r.name}",
        "",
        f"Group: {GROUP_TITLES[r.group]} · Default: **{default}** · Fix: {fix_label(r)}",
        "",
        "## What it does",
        "",
        r.what,
        "",
        "## Why is this bad?",
        "",
        r.why,
        "",
        "## Example",
        "",
        f"Flagged, as `{r.example_path}`:",
        "",
        "```python",
        r.bad,
        "```",
        "",
        "Reported:",
        "",
        "```text",
        *example_findings(r),
        "```",
        "",
        "## Use instead",
        "",
        f"The message's advice: {r.fix_hint.format(**_placeholder_values(r.fix_hint)).rstrip('.')}.",
        "",
        *([f"As `{r.good_path}`:", ""] if r.good_path else []),
        "```python",
        r.good,
        "```",
        "",
    ]
    if r.not_flagged:
        lines += ["## Not flagged", ""]
        lines += [f"- {rule_references(item)}" for item in r.not_flagged]
        lines.append("")
    lines += ["## Configuration", ""]
    if r.default:
        lines.append(
            f"On by default. Silence one line with `# noqa: {r.code}`, or the rule with "
            f"`extend-ignore = {r.code}` in your flake8 configuration."
        )
    else:
        prefix = r.code[:4] if r.group == "XFA9" else r.code[:5]
        lines.append(
            f"Off by default. Switch it on with `extend-select = {r.code}` (or `{prefix}`); "
            f"`--select XFA` or a plain `ignore = ...` does not switch it on."
        )
    if r.precision:
        lines += ["", r.precision]
    if r.config:
        lines += ["", r.config]
    lines.append("")
    if r.fix:
        lines += ["## Fix safety", ""]
        when = f" when {r.fix_when}" if r.fix_when else ""
        if r.fix == "safe":
            lines.append(f"`fastapi-conventions fix` rewrites it{when}; the fix keeps the code's behaviour.")
        else:
            lines.append(
                f"`fastapi-conventions fix --unsafe-fixes` rewrites it{when}; the fix can change "
                "behaviour, so read the diff."
            )
        lines.append("")
    lines += ["## Tests and scripts", "", scope(r), ""]
    lines += ["## Implementation", "", *implementation(r), ""]
    if not r.seeds:
        lines += [
            "## Source",
            "",
            "FastAPI's own current documentation (fastapi.tiangolo.com) and deprecations, and "
            "ruff's FAST rules, listed in the \"FastAPI's own guidance\" section of "
            "[docs/coverage.md](../coverage.md); none of the five seed guides asks for it.",
            "",
        ]
        return "\n".join(lines)
    lines += [
        "## Source",
        "",
        "The style guides this rule comes from (the \"seeds\" quoted above: five guides FastAPI "
        "teams wrote for themselves, mapped guideline by guideline in "
        "[docs/coverage.md](../coverage.md)):",
        "",
    ]
    lines += [f"- {SEED_TITLES.get(s, 'seed ' + s)}" for s in r.seeds]
    lines.append("")
    return "\n".join(lines)


#: where the flagged example is checked again to say whether tests and scripts are in scope
SCOPE_PATHS = {"tests": "tests/test_example.py", "scripts": "scripts/example.py"}


def scope(r: Rule) -> str:
    """Whether the rule reports in test files and scripts: its flagged example checked
    again as a test module and as a script (what the rule does, not what it intends)."""
    from .checker import check_source
    from .settings import Settings, enabled_codes

    settings = Settings(enabled=enabled_codes(None, [r.code]), target_pydantic=2)
    reported = {}
    for kind, path in SCOPE_PATHS.items():
        try:
            found = check_source(r.bad + "\n", path, settings)
        except SyntaxError:
            found = []
        reported[kind] = any(message.startswith(r.code) for _, _, message in found)
    if r.example_path == SCOPE_PATHS["tests"] or r.example_path.startswith("tests/"):
        return "A rule about test code: it reports in test files (`tests/`, `test_*.py`, `conftest.py`)."
    said = {True: "reported", False: "not reported"}
    text = (
        f"The flagged example, checked as a test file (`{SCOPE_PATHS['tests']}`): "
        f"{said[reported['tests']]}; as a script (`{SCOPE_PATHS['scripts']}`): "
        f"{said[reported['scripts']]}."
    )
    if not reported["tests"] and not reported["scripts"]:
        text += " Tests and scripts (`scripts/`, migrations, `manage.py`) are out of its scope."
    elif reported["tests"] and reported["scripts"]:
        text += " The rule applies to test files and scripts as to application code."
    return text + " The layers are configurable (`fastapi-tests-paths`, `fastapi-scripts-paths`)."


def implementation(r: Rule) -> list[str]:
    """Where a rule's detection, fix and tests are, from its declaration."""
    where = f"`{r.module.replace('.', '/')}.py`"
    from .fixes import FIXERS

    fixed_by = FIXERS.get(r.code) if r.fix else None
    if fixed_by is not None and fixed_by.__module__ == r.module:
        shown = [f"- Detection and fix (`{fixed_by.__name__}`): {where}"]
    else:
        shown = [f"- Detection: {where}"]
        if fixed_by is not None:
            shown.append(f"- Fix: `{fixed_by.__module__.replace('.', '/')}.py`")
    shown.append(f"- Tests: `tests/eval/{r.code}*.py` (findings written next to the code)")
    if r.fix:
        shown.append(f"- Fix tests: `tests/fixes/{r.code}_*.py` (before) and `*.fixed.py` (after)")
    return shown


def example_findings(r: Rule) -> list[str]:
    """What flake8 prints for the flagged example (the rule's message with its values)."""
    from .checker import check_source
    from .settings import Settings, enabled_codes

    # the examples are shown as in a project on Pydantic 2 (where the v1 -> v2 fixes apply)
    settings = Settings(enabled=enabled_codes(None, [r.code]), target_pydantic=2)
    try:
        found = check_source(r.bad + "\n", r.example_path, settings)
    except SyntaxError:
        found = []
    shown = [f"{r.example_path}:{line}:{col}: {msg}" for line, col, msg in found if msg.startswith(r.code)]
    return shown or [r.format(**_placeholder_values(r.message + r.fix_hint))]


def _placeholder_values(message: str) -> dict[str, str]:
    import string

    return {
        name: f"<{name}>"
        for _, name, _, _ in string.Formatter().parse(message)
        if name
    }


def rules_table(link_prefix: str = "docs/rules/") -> str:
    rows = ["| code | name | default | fix |", "|---|---|---|---|"]
    for code in sorted(RULES):
        r = RULES[code]
        rows.append(
            f"| [{code}]({link_prefix}{code}.md) | {r.name} | {'on' if r.default else 'off'} | {fix_label(r)} |"
        )
    return "\n".join(rows)
