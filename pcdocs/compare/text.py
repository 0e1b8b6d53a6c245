"""Text per section and how it changed: sections matched by heading, words redlined.

Sections are the parts under `##` and `###` headings. They are matched by their heading path
(chapter › paragraph), then by heading alone (a paragraph that went to another chapter), then
by content (a renamed heading). A section whose place in the order changed is a move. Years
count as equal when both documents moved on by the same number of years, so "Terugblik op
2023" in the 2024 plan matches "Terugblik op 2024" in the 2025 plan.

Tables, charts and footnote back-links are left out of the text: their figures are compared
as figures.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

from pcdocs.compare.model import Section, TextChange

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d|21\d\d)\b")
_NUMBERING = re.compile(r"^\s*(\d+(\.\d+)*\.?|[a-z]\))\s+", re.I)
_DROP = ("table", "figure", "svg", "script", "style", "a.headerlink", "a.footnote-backref",
         ".pc-tabel", ".pc-grafiek", "nav")
SIMILAR = 0.6  # content similarity from which an unmatched pair counts as renamed


def sections(page_html: str) -> tuple[Section, ...]:
    """The text of a rendered page, cut at its h2/h3 headings (text before the first
    heading is a section 'Inleiding'; the footnotes are a section 'Noten')."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(page_html, "html.parser")
    for selector in _DROP:
        for node in soup.select(selector):
            node.decompose()
    notes = soup.select_one("div.footnote")
    notes_text = _words(notes.get_text(" ")) if notes else ""
    if notes is not None:
        notes.decompose()
    result: list[Section] = []
    path: list[str] = []
    current: tuple[int, str, tuple[str, ...], str] = (1, "Inleiding", ("Inleiding",), "")
    chunks: list[str] = []

    def close() -> None:
        text = _words(" ".join(chunks))
        if text or current[1] != "Inleiding":
            result.append(Section(current[0], current[1], current[2], current[3], text))

    for node in soup.find_all(["h2", "h3", "p", "li", "dd", "dt", "blockquote", "pre"]):
        assert isinstance(node, Tag)
        if node.name in ("h2", "h3"):
            close()
            chunks = []
            heading = _words(node.get_text(" "))
            level = int(node.name[1])
            path = [*path[: level - 2], heading]
            current = (level, heading, tuple(path), str(node.get("id") or ""))
        elif not node.find_parent(["li", "blockquote", "dd"]):
            chunks.append(node.get_text(" "))
    close()
    if notes_text:
        result.append(Section(2, "Noten", ("Noten",), "", notes_text))
    return tuple(result)


def _words(text: str) -> str:
    return " ".join(text.replace("¶", " ").split())


def _norm_heading(heading: str, year: int | None) -> str:
    text = _NUMBERING.sub("", heading).lower()
    if year is None:
        return text
    return _YEAR.sub(lambda m: f"<j{int(m.group(1)) - year:+d}>", text)


def _tokens(text: str, year: int) -> tuple[list[str], list[str]]:
    words = text.split()
    return words, [_YEAR.sub(lambda m: f"<j{int(m.group(1)) - year:+d}>", w) for w in words]


def diff_sections(old: Sequence[Section], new: Sequence[Section], old_year: int,
                  new_year: int) -> tuple[TextChange, ...]:
    """Every section of both documents once, in the new document's order (removed sections
    where they stood), with status and redline."""
    pairs = _match(old, new, old_year, new_year)
    moved = _moved(pairs)
    by_new = {n: (o, how) for o, n, how in pairs}
    matched_old = {o for o, _, _ in pairs}
    result: list[TextChange] = []
    removed_after: dict[int, list[int]] = {}
    last_new = -1
    for o in range(len(old)):
        if o in matched_old:
            last_new = next(n for oo, n, _ in pairs if oo == o)
        else:
            removed_after.setdefault(last_new, []).append(o)
    for o in removed_after.get(-1, []):
        result.append(_removed(old[o]))
    for n, section in enumerate(new):
        if n in by_new:
            o, how = by_new[n]
            result.append(_compared(old[o], section, old_year, new_year,
                                    moved=n in moved or how == "kop", renamed=how == "inhoud"))
        else:
            result.append(_added(section))
        for o in removed_after.get(n, []):
            result.append(_removed(old[o]))
    return tuple(result)


def _match(old: Sequence[Section], new: Sequence[Section], old_year: int,
           new_year: int) -> list[tuple[int, int, str]]:
    """(old index, new index, how): by heading path, by heading, by content."""
    pairs: list[tuple[int, int, str]] = []
    keys: list[tuple[str, Callable[[Section, int | None], object]]] = [
        ("pad", lambda s, y: tuple(_norm_heading(h, y) for h in s.path)),
        ("pad", lambda s, y: tuple(_norm_heading(h, None) for h in s.path)),
        ("kop", lambda s, y: _norm_heading(s.heading, y)),
        ("kop", lambda s, y: _norm_heading(s.heading, None))]
    # Headings as written first ("Beleidsplan 2025-2028" in both), then with years taken
    # relative to each document ("Terugblik op 2023" in 2024 is "Terugblik op 2024" in 2025).
    for how, key in (keys[1], keys[0], keys[3], keys[2]):
        used_old = {o for o, _, _ in pairs}
        used_new = {n for _, n, _ in pairs}
        olds = _unique({i: key(s, old_year) for i, s in enumerate(old) if i not in used_old})
        news = _unique({i: key(s, new_year) for i, s in enumerate(new) if i not in used_new})
        by_key = {k: i for i, k in olds.items()}
        pairs += [(by_key[k], n, how) for n, k in news.items() if k in by_key]
    used_old = {o for o, _, _ in pairs}
    used_new = {n for _, n, _ in pairs}
    for n, section in enumerate(new):
        if n in used_new or not section.text:
            continue
        best, score = None, SIMILAR
        for o, candidate in enumerate(old):
            if o in used_old or not candidate.text:
                continue
            ratio = _similarity(candidate.text, section.text, old_year, new_year)
            if ratio >= score:
                best, score = o, ratio
        if best is not None:
            pairs.append((best, n, "inhoud"))
            used_old.add(best)
    return sorted(pairs, key=lambda p: p[1])


def _unique(keys: dict[int, object]) -> dict[int, object]:
    """Only keys that occur once (an ambiguous heading is matched by content instead)."""
    seen: dict[object, int] = {}
    for k in keys.values():
        seen[k] = seen.get(k, 0) + 1
    return {i: k for i, k in keys.items() if seen[k] == 1}


def _similarity(a: str, b: str, year_a: int, year_b: int) -> float:
    matcher = difflib.SequenceMatcher(None, _tokens(a, year_a)[1], _tokens(b, year_b)[1],
                                      autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def _moved(pairs: list[tuple[int, int, str]]) -> set[int]:
    """New indices of matched sections outside the longest run in the same order."""
    olds = [o for o, _, _ in pairs]
    keep = _longest_increasing(olds)
    return {n for i, (_, n, _) in enumerate(pairs) if i not in keep}


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (O(n^2), n = sections)."""
    if not values:
        return set()
    best = [1] * len(values)
    before = [-1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i] and best[j] + 1 > best[i]:
                best[i], before[i] = best[j] + 1, j
    i = max(range(len(values)), key=lambda k: best[k])
    result = set()
    while i != -1:
        result.add(i)
        i = before[i]
    return result


def redline(old_text: str, new_text: str, old_year: int, new_year: int
            ) -> tuple[tuple[str, str], ...]:
    """Word operations ("=", "-", "+") from the old text to the new."""
    old_words, old_norm = _tokens(old_text, old_year)
    new_words, new_norm = _tokens(new_text, new_year)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and old_norm[i1:i2] == new_norm[j1:j2]):
            # the same words, or the same with the years moved on with the document
            ops.append(("=", " ".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(old_words[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(new_words[j1:j2])))
    return tuple(ops)


def _count(ops: tuple[tuple[str, str], ...], op: str) -> int:
    return sum(len(words.split()) for o, words in ops if o == op)


def _compared(old: Section, new: Section, old_year: int, new_year: int, *, moved: bool,
              renamed: bool) -> TextChange:
    ops = redline(old.text, new.text, old_year, new_year)
    changed = any(op != "=" for op, _ in ops)
    status = "verplaatst" if moved else "gewijzigd" if changed or renamed else "ongewijzigd"
    return TextChange(new.title, status, old.title, new.title, changed, renamed,
                      _count(ops, "+"), _count(ops, "-"), ops if changed else (),
                      new.anchor, old.anchor)


def _added(section: Section) -> TextChange:
    words = len(section.text.split())
    return TextChange(section.title, "toegevoegd", None, section.title, True, False, words, 0,
                      (("+", section.text),) if section.text else (), section.anchor, None)


def _removed(section: Section) -> TextChange:
    words = len(section.text.split())
    return TextChange(section.title, "verwijderd", section.title, None, True, False, 0, words,
                      (("-", section.text),) if section.text else (), None, section.anchor)
