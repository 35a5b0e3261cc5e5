# path: app/services/report.py
# near miss of the script-like exemption: the module-level print is nested in an if, not a
# statement of the module body; the function's print is application code
import os


def report(total: int) -> None:
    print("total", total)  # error: XFA805:5


if os.environ.get("DEBUG"):
    print("debug on")
