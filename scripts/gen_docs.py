"""Write docs/rules/XFAnnn.md and the README rules table from the rule declarations.

    python scripts/gen_docs.py            # every rule
    python scripts/gen_docs.py XFA3 XFA4  # only the rules with these prefixes
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flake8_fastapi_conventions import rules as _rules  # noqa: E402,F401
from flake8_fastapi_conventions.docs import render_rule, rules_table  # noqa: E402
from flake8_fastapi_conventions.registry import RULES  # noqa: E402

BEGIN = "<!-- rules-table:begin -->"
END = "<!-- rules-table:end -->"


def update_readme(readme: Path) -> None:
    text = readme.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        readme.write_text(f"{head}{BEGIN}\n{rules_table()}\n{END}{tail}", encoding="utf-8")


def main(prefixes: list[str]) -> None:
    out = ROOT / "docs" / "rules"
    out.mkdir(parents=True, exist_ok=True)
    for code, r in sorted(RULES.items()):
        if prefixes and not any(code.startswith(p) for p in prefixes):
            continue
        (out / f"{code}.md").write_text(render_rule(r), encoding="utf-8")
    if not prefixes:
        update_readme(ROOT / "README.md")


if __name__ == "__main__":
    main(sys.argv[1:])
