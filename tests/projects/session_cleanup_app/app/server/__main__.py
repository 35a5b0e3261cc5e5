"""python -m app.server --port 8000: a command line that starts the web server."""
import argparse

import uvicorn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    uvicorn.run("app.server.tables.setup:app", port=args.port)


main()
