from decimal import Decimal

from pcdocs import charts

BARS = [charts.Bar("Aanvragen binnen 4 weken", Decimal("73"), Decimal("50"), True),
        charts.Bar("Aanvragen binnen de wettelijke termijn", Decimal("96"), Decimal("100"), False)]


def test_svg_bytes_are_deterministic() -> None:
    first = charts.bars_against_norm(BARS, "Realisatie 2023", "data/x.yaml")
    second = charts.bars_against_norm(BARS, "Realisatie 2023", "data/x.yaml")
    assert first == second
    assert b"<dc:date>" not in first


def test_svg_has_dutch_numbers_titles_source_and_status_in_words() -> None:
    svg = charts.bars_against_norm(BARS, "Realisatie 2023", "data/x.yaml").decode()
    for text in ("Realisatie 2023", "50%", "73%", "96%", "Bron: data/x.yaml", "niet behaald",
                 "norm behaald"):
        assert text in svg, text


def test_cache_renders_once_per_content() -> None:
    calls: list[int] = []
    cache: dict[str, bytes] = {}

    def render() -> bytes:
        calls.append(1)
        return b"<svg/>"

    key1, _ = charts.cached(cache, "k", [1, 2], render)
    key2, _ = charts.cached(cache, "k", [1, 2], render)
    key3, _ = charts.cached(cache, "k", [1, 3], render)
    assert key1 == key2 != key3
    assert len(calls) == 2


def test_size_is_read_from_the_svg() -> None:
    svg = charts.bars_against_norm(BARS, "T", "s")
    width, height = charts.size_of(svg)
    assert 500 < width < 1000 and 150 < height < 600
