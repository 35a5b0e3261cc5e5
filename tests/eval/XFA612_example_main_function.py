# path: docs/examples/website-to-api/app.py
# ninth precision reading (crawl4ai): the example's runner is a main() that only its
# `__main__` block calls; it runs on a developer's machine like the block itself
import uvicorn


def main() -> None:
    print("Starting the example API on http://localhost:8000")
    uvicorn.run("api_server:app", host="0.0.0.0", port=8000, reload=True)


def serve_forever() -> None:
    # still reported: nothing in this module says only a developer runs it
    uvicorn.run("api_server:app", reload=True)  # error: XFA612:5


class Runner:
    def main(self) -> None:
        # still reported: a method, not the module-level main() the block calls
        uvicorn.run("api_server:app", reload=True)  # error: XFA612:9


if __name__ == "__main__":
    main()
