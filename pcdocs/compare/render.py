"""A comparison for people: the page in the site (and its PDF), and the terminal text.

The page opens with the summary (how many changes of each kind, the largest figure changes),
then the figure changes per building block, then the text per section as a redline: removed
words struck through, added words underlined, unchanged stretches shortened.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from pcdocs.compare.model import Change, Comparison, TextChange
from pcdocs.model import fmt
from pcdocs.render import html

CONTEXT = 12  # words of unchanged text kept around a change in a redline

STATUS_NAMES = {"gewijzigd": "gewijzigd", "toegevoegd": "nieuw", "verwijderd": "vervallen",
                "verplaatst": "verplaatst", "ongewijzigd": "ongewijzigd"}


def kind_label(kind: str) -> str:
    return kind.replace("-", " ").capitalize()


def block_label(block: str) -> str:
    """A block's name as its spec gives it (`BlockSpec.label`)."""
    from pcdocs.blocks.registry import BY_KIND

    spec = BY_KIND.get(block)
    return spec.label if spec is not None else block.capitalize()


def page_markdown(c: Comparison, link: Callable[[str], str | None],
                  pdf_href: str | None = None, json_href: str | None = None) -> str:
    """The comparison page (Markdown headings, HTML blocks); `link(name)` gives the URL of a
    compared document or version, or None."""
    downloads = []
    if pdf_href:
        downloads.append(Markup('<a href="{}" download>Download als PDF (A4)</a>').format(
            pdf_href))
    if json_href:
        downloads.append(Markup('<a href="{}" download>De wijzigingen als gegevens (JSON)</a>'
                                ).format(json_href))
    download = Markup('<p class="pc-vergelijking__pdf">{}</p>').format(
        Markup(" · ").join(downloads)) if downloads else Markup("")
    parts = ["---", f"title: {_yaml(title(c))}", "render_macros: false", "---", "",
             f"# {escape(title(c))}", "", str(_intro(c, link) + download), "",
             "## Samenvatting", "",
             str(_summary(c)), "", "## Cijfers", ""]
    if not c.changes:
        parts += ["<p>Geen cijfers gewijzigd.</p>", ""]
    for block in dict.fromkeys(ch.block for ch in c.changes):
        parts += [f"### {block_label(block)}", "",
                  str(_changes_table(block, [ch for ch in c.changes if ch.block == block])), ""]
    parts += ["## Tekst", "", str(_text_intro(c)), ""]
    for t in c.text:
        if t.status != "ongewijzigd":
            parts += [f"### {escape(t.section)}", "", str(_text_change(t)), ""]
    unchanged = [t for t in c.text if t.status == "ongewijzigd"]
    if unchanged:
        items = Markup("").join(Markup("<li>{}</li>").format(t.section) for t in unchanged)
        parts += [str(Markup('<details class="pc-ongewijzigd"><summary>Ongewijzigde onderdelen '
                             "({})</summary><ul>{}</ul></details>").format(len(unchanged),
                                                                           items)), ""]
    return "\n".join(parts)


def title(c: Comparison) -> str:
    return f"Vergelijking {c.old.title} (versie {c.old.version}) met {c.new.title} " \
           f"(versie {c.new.version})"


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _intro(c: Comparison, link: Callable[[str], str | None]) -> Markup:
    def ref(label: str, name: str) -> Markup:
        url = link(name)
        return Markup('<a href="{}">{}</a>').format(url, label) if url else escape(label)

    return Markup('<p class="pc-vergelijking__intro">Oud: {}<br>Nieuw: {}</p>'
                  '<p>Cijfers worden vergeleken per sleutel in de gegevens; jaartallen tellen '
                  "mee ten opzichte van het jaar van elk document (de norm voor het planjaar "
                  "met de norm voor het planjaar). Tekst wordt per hoofdstuk en paragraaf "
                  "vergeleken, gekoppeld op de kop.</p>").format(
        ref(c.old.label, c.old.name), ref(c.new.label, c.new.name))


def _summary(c: Comparison) -> Markup:
    rows = [html.Row([html.text(kind_label(kind)), html.text(str(n))])
            for kind, n in c.counts().items()]
    figures = html.table(f"Cijferwijzigingen per soort ({len(c.changes)})",
                         [html.Column("Soort"), html.Column("Aantal", numeric=True)], rows,
                         cls="pc-samenvatting") if c.changes else Markup(
        "<p>Geen cijfers gewijzigd.</p>")
    counts = c.text_counts()
    text = Markup("<p>Tekst: {}.</p>").format(", ".join(
        f"{n} {STATUS_NAMES.get(s, s)}" for s, n in counts.items()) or "geen onderdelen")
    largest = c.largest()
    top = Markup("")
    if largest:
        top = Markup("<p><strong>Grootste cijferwijzigingen</strong></p><ol>{}</ol>").format(
            Markup("").join(Markup("<li>{}</li>").format(ch.message) for ch in largest))
    return figures + text + top


def _changes_table(block: str, changes: list[Change]) -> Markup:
    rows = [html.Row([html.text(kind_label(ch.kind)),
                      Markup('<code class="pc-sleutel">{}</code>').format(ch.key),
                      html.text(ch.old or "–"), html.text(ch.new or "–"), html.text(ch.message)])
            for ch in changes]
    columns = [html.Column("Soort"), html.Column("Sleutel"), html.Column("Oud", numeric=True),
               html.Column("Nieuw", numeric=True), html.Column("Toelichting")]
    caption = f"{block_label(block)}: {fmt.count(len(changes), 'wijziging', 'wijzigingen')}"
    return html.table(caption, columns, rows, cls="pc-wijzigingen")


def _text_intro(c: Comparison) -> Markup:
    return Markup("<p>Per onderdeel: <del>verwijderde woorden</del> en <ins>toegevoegde "
                  "woorden</ins>. Een verplaatst onderdeel staat elders in de volgorde dan in "
                  "{}.</p>").format(c.old.title)


def _text_change(t: TextChange) -> Markup:
    badge = Markup('<span class="pc-status pc-status--{}">{}</span>').format(
        "concept" if t.status in ("verwijderd", "verplaatst") else "neutraal",
        STATUS_NAMES.get(t.status, t.status))
    facts = []
    if t.renamed or (t.old_section and t.new_section and t.old_section != t.new_section):
        facts.append(Markup("was: {}").format(t.old_section))
    if t.changed and t.status not in ("toegevoegd", "verwijderd"):
        facts.append(Markup("{} woorden erbij, {} eraf").format(t.added_words, t.removed_words))
    if t.status == "verplaatst" and not t.changed:
        facts.append(Markup("tekst ongewijzigd"))
    meta = Markup(" · ").join(facts)
    return Markup('<p class="pc-redline__kop">{} {}</p><p class="pc-redline">{}</p>').format(
        badge, meta, redline_html(t))


def redline_html(t: TextChange) -> Markup:
    parts = []
    ops = t.redline
    for i, (op, words) in enumerate(ops):
        if op == "-":
            parts.append(Markup("<del>{}</del>").format(words))
        elif op == "+":
            parts.append(Markup("<ins>{}</ins>").format(words))
        else:
            parts.append(escape(_shorten(words, first=i == 0, last=i == len(ops) - 1)))
    return Markup(" ").join(parts)


def _shorten(words: str, *, first: bool, last: bool) -> str:
    tokens = words.split()
    keep_before = 0 if first else CONTEXT
    keep_after = 0 if last else CONTEXT
    if len(tokens) <= keep_before + keep_after + 4:
        return words
    head = " ".join(tokens[:keep_before])
    tail = " ".join(tokens[len(tokens) - keep_after:]) if keep_after else ""
    return " ".join(p for p in (head, "…", tail) if p)


def text_report(c: Comparison) -> str:
    """The comparison as plain Dutch text for the terminal."""
    lines = [title(c), f"Oud:   {c.old.label} [{c.old.name}]",
             f"Nieuw: {c.new.label} [{c.new.name}]", ""]
    counts = ", ".join(f"{n} {kind_label(k).lower()}" for k, n in c.counts().items())
    lines.append(f"Cijfers: {len(c.changes)} wijziging(en)" + (f" ({counts})" if counts else ""))
    lines.append("Tekst: " + ", ".join(f"{n} {STATUS_NAMES.get(s, s)}"
                                       for s, n in c.text_counts().items()))
    if c.largest():
        lines += ["", "Grootste cijferwijzigingen:"]
        lines += [f"  - {ch.message}" for ch in c.largest()]
    if c.changes:
        lines += ["", "Cijferwijzigingen:"]
        lines += [f"  [{ch.kind}] {ch.block} {ch.key}: {ch.message}" for ch in c.changes]
    changed = [t for t in c.text if t.status != "ongewijzigd"]
    if changed:
        lines += ["", "Tekstwijzigingen:"]
        for t in changed:
            lines.append(f"  [{t.status}] {t.section} (+{t.added_words} −{t.removed_words} "
                         "woorden)")
    return "\n".join(lines) + "\n"
