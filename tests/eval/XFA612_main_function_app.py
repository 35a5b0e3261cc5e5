# path: app/server.py
# the runner exemption is for examples only: an application's main() started from its
# `__main__` block is how it may well be deployed (python -m app.server)
import uvicorn


def main() -> None:
    uvicorn.run("app.main:app", host="0.0.0.0", port=8000, reload=True)  # error: XFA612:5


if __name__ == "__main__":
    main()
