"""pcdocs: planning- en controldocumenten van sociale diensten als docs-as-code."""

__version__ = "0.1.0"
