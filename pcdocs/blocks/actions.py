"""How a comparison words a change to an action and its status (facts of category `actie`),
shared by the blocks that list actions: `speerpunten.py` and `voortgang.py`."""

from __future__ import annotations

from pcdocs.blocks.spec import Wording

ACTIE = Wording(
    "actie", kind="actie-status-gewijzigd", measured=False,
    changed="De status van de actie is gewijzigd: {label}, van {old} naar {new}.",
    added="Nieuwe actie: {label} ({text}).",
    dropped="Actie vervallen: {label} (was: {text}).",
    done=frozenset({"gereed", "afgerond"}),
    finished="Actie afgerond: {label} (was: {old}).")
