# path: sdk/generator/generator/release.py
# precision review: a command's implementation (imported by its cli.py) talks to the terminal
import subprocess
import sys


def release(dry_run: bool) -> None:
    if dry_run:
        print("[DRY RUN] Would perform:")
        return
    try:
        subprocess.run(["git", "tag", "v1"], check=True)
    except subprocess.CalledProcessError as e:
        print(f"tagging failed: {e}", file=sys.stderr)
