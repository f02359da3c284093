"""kg: reporting about weapons turned into a military-equipment knowledge graph."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kg")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0.0.0+source"
