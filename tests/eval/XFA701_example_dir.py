# path: examples/quickstart/app.py
# A module under an example directory shows how to wire the product: its passwords and
# URLs are illustration; only values shaped like a live key are reported.
from app.auth import connect

DATABASE_URL = "postgresql://demo:demo-pass1@localhost/demo"
connect(password="hunter22")
GITHUB_TOKEN = "ghp_R7x2Lk9QmW4vT8pZ3nB6yH1jF5dS0aKcE2uX"  # error: XFA701:16
