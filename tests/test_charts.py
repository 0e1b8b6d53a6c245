from decimal import Decimal

from pcdocs.render import charts

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
    assert 380 < width < 480 and 150 < height < 1000  # drawn for a phone (WIDTH_IN)


def test_no_chart_text_is_too_small_on_a_phone_or_on_paper() -> None:
    """Shown 358 px wide (a 390 px phone) every text is >= 11 px; printed at its own width
    or fitted to A4's 476 pt text width, >= 7 pt."""
    from tests.test_phone import svg_font_sizes

    labels = [f"Taakveld {i} met een lange naam voor de regel" for i in range(9)]
    made = {
        "bars": charts.bars_against_norm(BARS * 4, "Realisatie 2023 met een lange titel", "s"),
        "waterfall": charts.waterfall(
            [charts.Step("1-1-2019", Decimal("80.5"), True),
             *(charts.Step(label, Decimal("-1.25"), False) for label in labels),
             charts.Step("1-1-2020", Decimal("69.25"), True)], "Formatie", "s", "fte"),
        "periods": charts.periods_against_norm(
            [charts.PeriodBar(f"periode {i}", Decimal("7.1"), Decimal("3"), Decimal("5.5"))
             for i in range(3)], "Verzuim", "s", "waarvan langdurig"),
        "stacked": charts.stacked_bars(
            [charts.Stack(label, (Decimal(120000), Decimal(80000))) for label in labels[:5]],
            ["Uitzendkrachten en detachering", "Overig"], "Inhuur", "s"),
        "heatmap": charts.heatmap(["hoog", "midden", "laag"], ["klein", "middel", "groot",
                                                              "zeer groot"],
                                  [["R1, R2", "", "R3", ""]] * 3, [[1, 2, 3, 4]] * 3,
                                  "Risico's", "s", "kans", "omvang"),
        "paired": charts.paired_bars(
            [charts.Stack(label, (Decimal(12_000_000), Decimal(-3_000_000)))
             for label in labels], ("lasten", "baten"), "Taakvelden", "s"),
        "diverging": charts.diverging(
            [charts.Bar(label, Decimal(i * 100_000 - 400_000), None, None)
             for i, label in enumerate(labels)], "Mutaties", "Saldo van A naar B", "s"),
        "counts": charts.counts([charts.Bar(label, Decimal(i), None, None)
                                 for i, label in enumerate(labels[:5])], "Status", "s"),
    }
    for kind, svg in made.items():
        width, sizes = svg_font_sizes(svg.decode())
        assert sizes, kind
        assert min(sizes) * charts.PHONE_PX / width >= charts.MIN_PHONE_PX, (kind, width)
        assert min(sizes) * min(1.0, charts.PRINT_WIDTH_PT / width) >= charts.MIN_PRINT_PT, kind
