# path: tools/convert_to_env.py
# precision review (reading 4): a file with a print statement in its module body is a script
# doing its work at import; the prints of its functions are its output too
import sys


def convert(path: str) -> list[str]:
    lines = []
    for name in ("A", "B"):
        if not name:
            print(f"Warning: parameter {name} not found")
        lines.append(name)
    return lines


lines = convert(sys.argv[1])
print(f".env file created from {sys.argv[1]}")
