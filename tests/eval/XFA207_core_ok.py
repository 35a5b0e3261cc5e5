# path: src/core/utils.py
from ..users import service
