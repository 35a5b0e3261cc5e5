# path: examples/chatbot/main.py
# fifth precision reading: the `__main__` block of an example runs it on a developer's
# machine; an example is not what the project deploys
import uvicorn
from fastapi import FastAPI

app = FastAPI()


def serve() -> None:
    # still reported: a function of the example that anything may call
    uvicorn.run("main:app", port=8000, reload=True)  # error: XFA612:5


if __name__ == "__main__":
    uvicorn.run("main:app", port=8000, reload=True)
