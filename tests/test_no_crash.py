"""No rule raises on real code: the interpreter's standard library and site-packages."""

from __future__ import annotations

from corpus import interpreter_files, run_over


def test_every_rule_runs_clean_over_the_stdlib_and_site_packages():
    checked, findings, failures = run_over(interpreter_files())
    assert checked > 500, f"only {checked} files found"
    assert failures == [], "\n".join(map(str, failures[:20]))


def test_every_rule_runs_clean_over_fastapis_sdist(fastapi_sdist):
    import ast
    import tarfile
    import warnings

    from corpus import all_rules
    from flake8_fastapi_conventions import walker
    from flake8_fastapi_conventions.checker import run_checks

    settings = all_rules()
    before = len(walker.failures)
    checked = findings = 0
    with tarfile.open(fastapi_sdist) as tar, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for member in tar.getmembers():
            if not (member.isfile() and member.name.endswith(".py")):
                continue
            source = tar.extractfile(member).read()
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            # the path inside the sdist, so layers and tests/ are decided as in a checkout
            name = member.name.split("/", 1)[1]
            findings += len(run_checks(tree, name, settings))
            checked += 1
    assert checked > 1000, f"only {checked} files in {fastapi_sdist.name}"
    assert findings > 0  # the rules did run
    assert walker.failures[before:] == [], "\n".join(map(str, walker.failures[before:][:20]))
