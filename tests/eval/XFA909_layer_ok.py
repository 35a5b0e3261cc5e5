# select: XFA909
# path: app/services/patcher.py
from unittest.mock import patch

patcher = patch("app.x")
