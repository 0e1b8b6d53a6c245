"""The building blocks; importing this package registers each block's dataset kind."""

from pcdocs.blocks import (
    formatie,
    indicatoren,
    inhuur,
    kerncijfers,
    lijsten,
    organisatie,
    planning,
    projecten,
    risico,
    speerpunten,
    verzuim,
)

__all__ = ["formatie", "indicatoren", "inhuur", "kerncijfers", "lijsten", "organisatie",
           "planning", "projecten", "risico", "speerpunten", "verzuim"]
