"""python -m app.tools.serve: starts the app (an entry point of the server, not a command)."""
import argparse

import uvicorn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8000)
    uvicorn.run("app.main:app", port=parser.parse_args().port)


main()
