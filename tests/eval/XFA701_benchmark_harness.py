# path: packages/acme-benchmark/acme_benchmark/runner.py
# precision review (fifth reading): a load-test harness logs in as the users the dev seed
# created; only live key shapes are reported there
DEFAULT_EMAIL = "dev@acme.test"
DEFAULT_PASSWORD = "password1234"
RUNNER_TOKEN = "ghp_R7x2Lk9QmW4vT8pZ3nB6yH1jF5dS0aKcE2uX"  # error: XFA701:16
