# path: docs/api/conf.py
# fourteenth precision reading (pipecat): a Sphinx build's configuration logs to the terminal
# of whoever builds the docs, not to a log store
import logging
from pathlib import Path

logger = logging.getLogger("sphinx-build")

project = "pipecat"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon"]
html_theme = "sphinx_rtd_theme"

output_dir = Path(__file__).parent / "_build"
logger.info(f"Output directory: {output_dir}")
