"""The building blocks; importing this package registers each block's dataset kind."""

from pcdocs.blocks import (
    doelgroepen,
    financien,
    formatie,
    indicatoren,
    inhuur,
    kerncijfers,
    lijsten,
    nota,
    onderwerpen,
    organisatie,
    planning,
    projecten,
    regelingen,
    risico,
    speerpunten,
    taakvelden,
    verzuim,
    voortgang,
    wetten,
)

__all__ = ["doelgroepen", "financien", "formatie", "indicatoren", "inhuur", "kerncijfers",
           "lijsten", "nota", "onderwerpen", "organisatie", "planning", "projecten",
           "regelingen", "risico", "speerpunten", "taakvelden", "verzuim", "voortgang", "wetten"]
