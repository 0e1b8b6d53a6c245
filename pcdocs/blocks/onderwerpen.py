"""Onderwerpen of an uitvoeringsplan: per theme the topics, each with its stand van zaken,
acties and aandachtspunten (and, where there are, building blocks for agreements with a
partner, and sub-topics).

`data/<org>/<year>/onderwerpen.yaml`:

```yaml
themas:
  - code: "3.1"
    titel: Werk en arbeidsmarktbeleid
    onderwerpen:
      - code: "3.1.1"
        titel: Implementatie Inzet op maat 2021
        stand_van_zaken: |          # Markdown
          ...
        acties:                     # a text, or {actie, status, acties}
          - Team Solutions
          - {actie: Opdracht Zittend bestand, status: op schema}
        bouwstenen:
          titel: Bouwstenen voor resultaatafspraken KonnecteD
          groepen:
            - [Uitvoering van de dienstverlening voor groep Matchen, ...]
        aandachtspunten: |
          ...
```
Other optional fields per topic: `inleiding`, `acties_inleiding`, `acties_slot`, `delen` (sub-topics
with a `titel` and the same fields). A theme may have an `inleiding`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pcdocs.blocks import generated
from pcdocs.blocks.spec import BlockSpec, MacroSpec
from pcdocs.blocks.speerpunten import Action, actions
from pcdocs.blocks.voortgang import badge
from pcdocs.errors import MacroError
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader, suggest
from pcdocs.render import textfields
from pcdocs.render.page import PageContext


@dataclass(frozen=True)
class Blocks:
    title: str
    intro: str | None
    groups: tuple[tuple[Action, ...], ...]


@dataclass(frozen=True)
class Topic:
    code: str | None
    title: str
    intro: str | None
    stand: str | None
    actions_intro: str | None
    actions: tuple[Action, ...]
    actions_end: str | None
    blocks: Blocks | None
    attention: str | None
    parts: tuple[Topic, ...]
    source: Source


@dataclass(frozen=True)
class Theme:
    code: str
    title: str
    intro: str | None
    topics: tuple[Topic, ...]
    source: Source


def _blocks(r: Reader) -> Blocks | None:
    b = r.opt_map("bouwstenen")
    if b is None:
        return None
    groups = []
    raw = b.seq("groepen") if b.has("groepen") else []
    b.optional("groepen")
    for index, group in enumerate(raw):
        holder = Reader({"acties": group}, b.file, f"{b.key_path('groepen')}[{index + 1}]",
                        raw.line_of(index) if hasattr(raw, "line_of") else b.line)
        groups.append(actions(holder, "acties", 1))
    result = Blocks(b.text("titel"), b.opt_text("inleiding"), tuple(groups))
    b.done()
    return result


def _topic(r: Reader, with_parts: bool = True) -> Topic:
    parts = tuple(_topic(p, False) for p in r.items("delen", required=False)) \
        if with_parts else ()
    topic = Topic(
        code=r.opt_code("code"), title=r.text("titel"), intro=r.opt_text("inleiding"),
        stand=r.opt_text("stand_van_zaken"), actions_intro=r.opt_text("acties_inleiding"),
        actions=actions(r, "acties") if r.has("acties") else (),
        actions_end=r.opt_text("acties_slot"), blocks=_blocks(r),
        attention=r.opt_text("aandachtspunten"), parts=parts,
        source=Source(r.file, r.line, r.path))
    r.optional("acties")
    r.done()
    return topic


def load(path: Path, rel: str) -> tuple[Theme, ...]:
    r = Reader(load_yaml(path, rel), rel)
    themes: list[Theme] = []
    for item in r.items("themas"):
        code = item.code("code")
        if any(t.code == code for t in themes):
            raise item.error("code", f"thema {code} staat dubbel", code="dubbele-code")
        topics = tuple(_topic(t) for t in item.items("onderwerpen"))
        themes.append(Theme(code, item.text("titel"), item.opt_text("inleiding"), topics,
                            Source(rel, item.line, item.path)))
        item.done()
    r.done()
    return tuple(themes)


def all_actions(themes: tuple[Theme, ...]) -> list[tuple[Topic, Action]]:
    result = []
    for theme in themes:
        for topic in theme.topics:
            for t in (topic, *topic.parts):
                result += [(t, a) for a in t.actions]
    return result


def figures(themes: tuple[Theme, ...]) -> dict[str, Figure]:
    topics = [t for th in themes for t in th.topics]
    done = all_actions(themes)
    return {
        "onderwerpen": Figure(len(topics), Unit.COUNT, tuple(t.source for t in topics),
                              "Aantal onderwerpen", computed="geteld"),
        "acties": Figure(len(done), Unit.COUNT, tuple(a.source for _, a in done),
                         "Aantal acties", computed="geteld"),
    }


def _actions_md(ctx: PageContext, items: tuple[Action, ...], indent: str = "") -> list[str]:
    lines = []
    for a in items:
        text = textfields.markdown_source(ctx, a.text, a.source)
        if a.status:
            text += " " + str(badge(a.status))
        lines.append(f"{indent}- {text}")
        lines += _actions_md(ctx, a.sub, indent + "    ")
    return lines


def _topic_md(ctx: PageContext, topic: Topic, level: int) -> list[str]:
    h = "#" * min(level, 6)
    sub = "#" * min(level + 1, 6)
    title = f"{topic.code} {topic.title}" if topic.code else topic.title
    out = [generated.heading(ctx, len(h), title, topic.source), ""]

    def text(value: str | None) -> None:
        if value:
            out.extend([textfields.markdown_source(ctx, value, topic.source), ""])

    text(topic.intro)
    if topic.stand:
        out += [f"{sub} Stand van zaken", ""]
        text(topic.stand)
    if topic.actions or topic.actions_intro or topic.actions_end:
        out += [f"{sub} Acties", ""]
        text(topic.actions_intro)
        if topic.actions:
            out += [*_actions_md(ctx, topic.actions), ""]
        text(topic.actions_end)
    if topic.blocks is not None:
        out += [f'!!! abstract "{generated.inline(ctx, topic.blocks.title, topic.source)}"', ""]
        if topic.blocks.intro:
            out += ["    " + line for line in textfields.markdown_source(
                ctx, topic.blocks.intro, topic.source).splitlines()] + [""]
        for group in topic.blocks.groups:
            out += [*("    " + line for line in _actions_md(ctx, group)), ""]
    if topic.attention:
        out += [f"{sub} Aandachtspunten", ""]
        text(topic.attention)
    for part in topic.parts:
        out += _topic_md(ctx, part, level + 1)
    return out


def macro_onderwerpen(ctx: PageContext, thema: str, niveau: int | None = None) -> str:
    """A theme's topics (or one topic, by its code) as sections: stand van zaken, acties,
    aandachtspunten."""
    themes: tuple[Theme, ...] = ctx.record(SPEC)
    code = str(thema)
    found = next((t for t in themes if t.code == code), None)
    single = next((t for th in themes for t in th.topics if t.code == code), None)
    if found is None and single is None:
        codes = [t.code for t in themes] + [t.code for th in themes for t in th.topics if t.code]
        guess = suggest(code, codes)
        raise MacroError(f"thema of onderwerp '{thema}' bestaat niet", code="onbekende-code",
                         key=code, hint=f"bedoelde u '{guess}'?" if guess else
                         "thema's: " + ", ".join(t.code for t in themes))
    if niveau is None:  # one level below the heading above the call
        niveau = generated.level_below_context(ctx)
    if not 2 <= int(niveau) <= 5:
        raise MacroError(f"niveau {niveau} kan niet", code="macro-argumenten",
                         hint="kies een kopniveau van 2 tot en met 5")
    out: list[str] = []
    if found is not None:
        if found.intro:
            out += [textfields.markdown_source(ctx, found.intro, found.source), ""]
        for topic in found.topics:
            out += _topic_md(ctx, topic, int(niveau))
    elif single is not None:
        out += _topic_md(ctx, single, int(niveau))
    return "\n".join(out) + "\n"


SPEC = BlockSpec(
    kind="onderwerpen",
    label="Onderwerpen",
    summary="Onderwerpen van een uitvoeringsplan: stand van zaken, acties, aandachtspunten",
    extensions=("yaml",),
    load=load,
    figures=figures,
    macros=(
        MacroSpec("onderwerpen", macro_onderwerpen,
                  "De onderwerpen van een thema: stand van zaken, acties en "
                  "aandachtspunten.",
                  "{{ onderwerpen('3.1') }}"),
    ),
)
