# path: interpreter/computer_use/loop.py
# thirteenth precision reading (open-interpreter): a CLI coroutine that prompts with input()
# already holds the loop while the user types; its other blocking calls change nothing
import time

import requests


async def main() -> None:
    print("Welcome")
    time.sleep(0.5)  # silent: the same coroutine waits on input()
    api_key = input("Enter your API key: ")
    email = input("What's your email? ")
    requests.post("https://example.com/waitlist", json={"email": email, "key": api_key})


async def serve() -> None:
    # still reported: no input() here; a nested function's prompt is another scope's
    def ask() -> str:
        return input("> ")

    time.sleep(1)  # error: XFA102:5
    print(ask)
