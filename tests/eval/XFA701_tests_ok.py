# path: tests/test_auth.py
SECRET_KEY = "test-secret"
DATABASE_URL = "postgresql://app:hunter2@db/app"


def test_login(client) -> None:
    client.post("/login", data={"username": "a", "password": "b"}, token="t0k3n")
GITHUB_TOKEN = "ghp_R7x2Lk9QmW4vT8pZ3nB6yH1jF5dS0aKcE2uX"
