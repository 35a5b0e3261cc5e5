import requests


def download(url: str) -> bytes:
    return requests.get(url, timeout=5).content
