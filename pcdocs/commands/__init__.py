"""Layer 6, the commands: `cli.py` parses arguments and prints; the others are library
functions that take typed arguments, return results and raise."""
