# A value shaped like a live key of a known service is a credential whatever holds it.
import httpx

STRIPE = "sk_live_51HfGx2LkE9aQwT7pR4vN8mZ"  # error: XFA701:10
restricted = "rk_live_9sKd82LmQpX4vTz7RwYbN3c"  # error: XFA701:14
GH = "ghp_R7x2Lk9QmW4vT8pZ3nB6yH1jF5dS0aKcE2uX"  # error: XFA701:6
gho = {"oauth": "gho_k4P9mZ2qL7wX1vT8rN3bY6hJ5fD0sAcE9uRt"}  # error: XFA701:17
fine_grained = "github_pat_11ABCDE2Y0kQ9xLmZ3pR_7vT8wN4bY6hJ5fD0sAcE9uRtq2WkLp8"  # error: XFA701:16
SLACK_HOOK_AUTH = ("xoxb-2048-8362957104-Zq7LpX9mW2vT4kR8nB3y",)  # error: XFA701:20
xoxp = "xoxp-99172-82736-46519-b7Lq2Zx9Wm4Tv8Kp"  # error: XFA701:8
AWS_ID = "AKIAQ7XK2M9ZP4RTW3LB"  # error: XFA701:10
anthropic = "sk-ant-api03-Zq7LpX9mW2vT4kR8nB3yH6jF1dS5aKcE0uRt"  # error: XFA701:13
openai = "sk-proj-Zq7LpX9mW2vT4kR8nB3yH6jF1dS5aKcE0uRtWx4Pq"  # error: XFA701:10
LEGACY = "sk-Zq7LpX9mW2vT4kR8nB3yH6jF1dS5aKcE0uRtWx4PqLm2Nz8"  # error: XFA701:10
headers = {"Authorization": "Bearer ghp_R7x2Lk9QmW4vT8pZ3nB6yH1jF5dS0aKcE2uX"}  # error: XFA701:29
response = httpx.get("https://api.github.com", headers={"Authorization": "token gho_k4P9mZ2qL7wX1vT8rN3bY6hJ5fD0sAcE9uRt"})  # error: XFA701:74
SIGNER = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi8Z1nHzJ0kgOEc4rYb8sVqX2Lp\n-----END RSA PRIVATE KEY-----"  # error: XFA701:10

# near misses: made-up values in a key format, prefixes, patterns, documentation
AWS_EXAMPLE = "AKIAIOSFODNN7EXAMPLE"
stripe_masked = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"
stripe_counting = "sk_live_1234567890abcdefghij"
gh_placeholder = "ghp_your_token_goes_here_not_a_real_one1"
PREFIX = "sk_live_"
GITHUB_PATTERN = r"ghp_[A-Za-z0-9]{36}"
low_entropy = "sk-aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd"
words_key = "sk-my-openai-api-key-for-the-assistant-chat"
PEM_HEADER = "-----BEGIN RSA PRIVATE KEY-----"
elided_pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0...\n-----END PRIVATE KEY-----"


def documented() -> None:
    """Pass a token such as ghp_R7x2Lk9QmW4vT8pZ3nB6yH1jF5dS0aKcE2uX in the header."""
STRIPE_SECRET_KEY = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"
OPENAI_API_KEY = "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"


class Settings(BaseSettings):  # noqa: F821
    STRIPE_SECRET_KEY: str = "sk_live_51HfGx2LkE9aQwT7pR4vN8mZ"  # XFA610 reports this field
    STRIPE_KEY: str = "sk_live_51HfGx2LkE9aQwT7pR4vN8mZ"  # error: XFA701:23


def fallback() -> str:
    return os.getenv("STRIPE_KEY", "sk_live_51HfGx2LkE9aQwT7pR4vN8mZ")  # noqa: F821  # error: XFA701:36
