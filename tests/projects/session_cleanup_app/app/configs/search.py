import os

SIMILARITY_THRESHOLD: float = float(os.environ.get("SIMILARITY_THRESHOLD", "0.6"))
MAX_RESULTS = 25
DEFAULT_SCHEMA = os.environ.get("DEFAULT_SCHEMA", "public")
SEARCH_MODE = "fuzzy"
