"""The registry of finding codes (pcdocs/codes.py): the `Code` type and the table agree, the
author guide shows the table as the registry makes it, and the codes the operating system
gives are the registered ones. That every code is produced is tested in test_bad_input."""

from __future__ import annotations

import errno
import re
import typing
from pathlib import Path

import pytest

from pcdocs import codes
from pcdocs.commands.build import os_problem

from .conftest import ROOT


def test_the_code_type_and_the_registry_name_the_same_codes() -> None:
    literal = typing.get_args(codes.Code)
    assert len(literal) == len(set(literal)), "een code staat dubbel in Code"
    assert set(literal) == set(codes.CODES), (
        f"alleen in Code: {sorted(set(literal) - set(codes.CODES))}; "
        f"alleen in CODES: {sorted(set(codes.CODES) - set(literal))}")


def test_every_entry_explains_itself_in_dutch() -> None:
    for code, info in codes.CODES.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code), code
        assert info.severity in ("error", "warning"), code
        assert info.title and info.title[0].isupper() and len(info.title) <= 40, code
        assert info.explanation.endswith(".") and len(info.explanation) >= 30, code
        # the guide page is rendered by the macro engine and the HTML policy
        assert not re.search(r"\{[{%#]", info.explanation), code


def test_the_guide_shows_the_table_the_registry_makes() -> None:
    page = (ROOT / codes.GUIDE).read_text(encoding="utf-8")
    assert codes.TABLE_START in page and codes.TABLE_END in page
    shown = page.split(codes.TABLE_START, 1)[1].split(codes.TABLE_END, 1)[0].strip()
    assert shown == codes.guide_table(), (
        f"{codes.GUIDE} loopt achter op pcdocs/codes.py: zet tussen de markeringen de "
        "uitvoer van '.venv/bin/python -m pcdocs.codes'")


def test_codes_named_elsewhere_in_the_guide_are_registered() -> None:
    guide = "\n".join(p.read_text(encoding="utf-8")
                      for p in sorted((ROOT / "docs/handleiding").glob("*.md")))
    table = guide.split("| Soort | Voorbeelden van codes |", 1)[1].split("\n\n", 1)[0]
    named = set(re.findall(r"`([a-z]+(?:-[a-z]+)+|[a-z]+)`", table))
    assert named and named - set(codes.CODES) == set(), sorted(named - set(codes.CODES))


@pytest.mark.parametrize(("number", "code"), [
    (errno.ENAMETOOLONG, "naam-te-lang"), (errno.EMFILE, "te-veel-bestanden"),
    (errno.EIO, "schijffout"), (errno.ENOENT, "bestandsfout")])
def test_an_os_error_has_its_code(number: int, code: str, tmp_path: Path) -> None:
    finding = os_problem(OSError(number, "x", str(tmp_path / "f")), tmp_path)
    assert finding.code == code and finding.code in codes.CODES
