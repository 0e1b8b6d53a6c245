"""The building blocks; importing this package registers each block's dataset kind."""

from pcdocs.blocks import formatie, indicatoren, kerncijfers, lijsten, verzuim

__all__ = ["formatie", "indicatoren", "kerncijfers", "lijsten", "verzuim"]
