"""MotCua Desk — the one-stop reception desk (bộ phận tiếp nhận và trả kết quả)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("motcua-desk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
