import functools

from app.clients.avatars import download


def render_welcome(name: str) -> str:
    with open("templates/welcome.txt") as f:
        return f.read().format(name=name)


def fetch_avatar(user_id: int) -> bytes:
    return download(f"https://avatars.example.com/{user_id}")


def slugify(name: str) -> str:
    return name.lower().replace(" ", "-")


def read_with(open, path: str) -> str:
    return open(path)


@functools.lru_cache
def template_names() -> list[str]:
    with open("templates/index.txt") as f:
        return f.read().split()
