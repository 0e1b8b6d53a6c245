from decimal import Decimal
from pathlib import Path

import pytest

from pcdocs.errors import DataError
from pcdocs.model.load import YList, YMap, load_yaml, parse_yaml


def test_values_keep_their_lines_and_decimals_are_exact() -> None:
    data = parse_yaml("a: 38.09\nb:\n  - x: 1\n  - y: 1.10\n2024: 50\n", "f.yaml")
    assert isinstance(data, YMap)
    assert data["a"] == Decimal("38.09")
    assert str(data["b"][1]["y"]) == "1.10"
    assert data.line_of("b") == 2
    assert data.line_of(2024) == 5
    assert isinstance(data["b"], YList)
    assert data["b"].item_lines == [3, 4]


def test_duplicate_key_is_an_error_naming_both_lines() -> None:
    with pytest.raises(DataError) as info:
        parse_yaml("fte: 1\nnaam: x\nfte: 2\n", "data/x.yaml")
    f = info.value.finding
    assert (f.file, f.line, f.code, f.key) == ("data/x.yaml", 3, "dubbele-sleutel", "fte")
    assert "regel 1" in f.message


def test_yaml_syntax_error_has_a_line() -> None:
    with pytest.raises(DataError) as info:
        parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "data/x.yaml")
    assert info.value.finding.code == "yaml-syntax"
    assert info.value.finding.line is not None


@pytest.mark.parametrize("payload", [
    "a: !!python/object/apply:os.system ['echo x']\n",
    "a: !!python/name:os.system\n",
])
def test_python_tags_are_refused(payload: str) -> None:
    with pytest.raises(DataError) as info:
        parse_yaml(payload, "data/x.yaml")
    assert info.value.finding.code == "yaml-syntax"


def test_infinite_numbers_are_refused() -> None:
    with pytest.raises(DataError) as info:
        parse_yaml("a: .inf\n", "f.yaml")
    assert (info.value.finding.file, info.value.finding.line, info.value.finding.code) == (
        "f.yaml", 1, "geen-getal")


@pytest.mark.parametrize(("content", "code"), [
    (b"", "leeg-bestand"),
    (b"# alleen commentaar\n", "leeg-bestand"),
    (b"a: \xff\xfe\n", "codering"),
    (b"\x00\x01\x02binary", "binair"),
])
def test_bad_files_give_a_clear_error(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    with pytest.raises(DataError) as info:
        load_yaml(path, "data/x.yaml")
    assert info.value.finding.code == code
    assert info.value.finding.file == "data/x.yaml"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError) as missing:
        load_yaml(tmp_path / "nope.yaml", "data/nope.yaml")
    assert missing.value.finding.code == "bestand-ontbreekt"
    (tmp_path / "map.yaml").mkdir()
    with pytest.raises(DataError) as folder:
        load_yaml(tmp_path / "map.yaml", "data/map.yaml")
    assert folder.value.finding.code == "geen-bestand"


def test_utf8_with_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffnaam: Cliëntenraad\n".encode())
    assert load_yaml(path, "x.yaml")["naam"] == "Cliëntenraad"
