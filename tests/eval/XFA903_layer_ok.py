# select: XFA903
# path: app/utils/strings.py
def pad(a: str, b: int, c: str, d: bool) -> str:
    return a
