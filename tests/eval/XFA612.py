import uvicorn
import uvicorn as server

from app.config import settings

if __name__ == "__main__":
    uvicorn.run("app.main:app", host="0.0.0.0", reload=True)  # error: XFA612:5


def main() -> None:
    server.run("app.main:app", reload=True, workers=1)  # error: XFA612:5


# near misses
uvicorn.run("app.main:app", reload=settings.debug)
uvicorn.run("app.main:app", reload=False)
uvicorn.run("app.main:app")


def run_dev_server() -> None:
    uvicorn.run("app.main:app", reload=True)


@cli.command("develop")
def run_server() -> None:
    uvicorn.run("app.main:app", reload=True)


class Runner:
    def run(self, reload=True):
        return reload


Runner().run(reload=True)


if __name__ == "__main__":
    if settings.debug:
        uvicorn.run("app.main:app", reload=True)
