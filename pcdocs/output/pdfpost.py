"""What pcdocs sets in a PDF after WeasyPrint has laid it out and before it is written
(WeasyPrint's `finisher` hook): structure and metadata details WeasyPrint leaves open.

WeasyPrint 70 calls the finisher after the whole PDF has been generated - the structure
tree, the attachments and the PDF/A variant step (`/AF`, the XMP metadata) - and before it
serialises the objects, so everything here edits pydyf objects in memory: no second parse,
no second write, and the bytes stay a pure function of the input.

What it does:

- table header cells get `/Scope` (`/Column` in a header row, `/Row` elsewhere) in their
  `/Table` attribute dictionary, and a group row's header (one header cell spanning a body
  row, "Domein werk") is added to the `/Headers` of the data cells below it;
- the catalog's `/AF` names each attachment once (WeasyPrint lists every one twice);
- an attachment's embedded file gets its MIME type by file name (YAML, CSV, XLSX, JSON,
  Markdown) instead of application/octet-stream;
- a list item's paragraphs go into a `/LBody`, and a `<div>` around a `<dt>` and its `<dd>`
  no longer stands between a list and its items;
- a page footnote is tagged /Note with an /ID (WeasyPrint tags it as a plain /Span);
- the running header and footer (WeasyPrint's margin boxes), which WeasyPrint marks as
  content of structure elements it never links into the tree, become pagination artifacts;
- PDF/UA-1 is declared (XMP `pdfuaid:part=1`, with the PDF/A extension schema that PDF/A
  requires for it) only when `pdfua_problems` finds nothing in this very file.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

import pydyf  # type: ignore[import-untyped]

# MIME types of the files pcdocs attaches, by extension (Python's mimetypes has no YAML)
MIME_TYPES = {
    ".yaml": "application/yaml",
    ".yml": "application/yaml",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".json": "application/json",
    ".md": "text/markdown",
}

_CELL_PARENTS = ("/THead", "/TBody", "/TFoot")
_HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")

# added inside WeasyPrint's rdf:RDF (where the prefix rdf: is declared)
PDFUA_XMP = (
    b'<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" '
    b'pdfuaid:part="1"/>'
    b'<rdf:Description rdf:about="" '
    b'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
    b'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
    b'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
    b'<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
    b'<pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>'
    b'<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>'
    b'<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>'
    b'<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">'
    b'<pdfaProperty:name>part</pdfaProperty:name>'
    b'<pdfaProperty:valueType>Integer</pdfaProperty:valueType>'
    b'<pdfaProperty:category>internal</pdfaProperty:category>'
    b'<pdfaProperty:description>PDF/UA version identifier</pdfaProperty:description>'
    b'</rdf:li></rdf:Seq></pdfaSchema:property>'
    b'</rdf:li></rdf:Bag></pdfaExtension:schemas>'
    b'</rdf:Description>')


def finish(document: Any, pdf: Any) -> None:
    """Called by `Document.write_pdf(finisher=...)` with WeasyPrint's document and the
    pydyf PDF about to be written."""
    del document  # everything needed is in the PDF objects
    tree = _Tree(pdf)
    if tree.root is not None:
        tree.scope_headers()
        tree.fix_lists()
        tree.margin_boxes_as_artifacts()
        tree.notes()
    _deduplicate_af(pdf)
    _mime_types(pdf)
    if not pdfua_problems(pdf):
        _declare_pdfua(pdf)


# -- the structure tree -------------------------------------------------------------------

def _number(reference: Any) -> int | None:
    """The object number of a pydyf reference (`b"12 0 R"`), None for anything else."""
    if isinstance(reference, bytes | str):
        parts = reference.split()
        if len(parts) == 3 and parts[2] in (b"R", "R") and parts[0].isdigit():
            return int(parts[0])
    return None


class _Tree:
    """The structure tree as WeasyPrint built it, read from the pydyf objects."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        root_number = _number(pdf.catalog.get("StructTreeRoot"))
        self.root: Any = pdf.objects[root_number] if root_number is not None else None

    def object(self, reference: Any) -> Any:
        number = _number(reference)
        return self.pdf.objects[number] if number is not None else None

    def children(self, element: Any) -> list[Any]:
        """The structure elements directly under `element` (not MCIDs or OBJRs)."""
        kids = element.get("K")
        items = kids if isinstance(kids, list) else [kids]
        found = []
        for item in items:
            kid = self.object(item)
            if isinstance(kid, dict) and kid.get("Type") == "/StructElem":
                found.append(kid)
        return found

    def elements(self) -> Iterator[Any]:
        """Every element reachable from the root, parents first, in document order."""
        if self.root is None:
            return
        stack = list(reversed(self.children(self.root)))
        seen: set[int] = set()
        while stack:
            element = stack.pop()
            if element.number in seen:
                continue
            seen.add(element.number)
            yield element
            stack.extend(reversed(self.children(element)))

    def pages(self) -> list[Any]:
        """The page dictionaries, in order (pydyf keeps /Kids as `number, 0, "R"` triples)."""
        kids = self.pdf.pages["Kids"]
        return [self.pdf.objects[kids[i]] for i in range(0, len(kids) - 2, 3)
                if isinstance(kids[i], int)]

    def footnote_spans(self) -> Iterator[Any]:
        """The page footnotes: WeasyPrint lays a page's footnotes (`float: footnote`) out in
        the page's footnote area, which it tags as a /NonStruct directly under the document
        holding one inline element per footnote."""
        if self.root is None:
            return
        for top in self.children(self.root):
            for area in self.children(top):
                if area.get("S") != "/NonStruct":
                    continue
                kids = self.children(area)
                if kids and all(k.get("S") in ("/Span", "/Note") for k in kids):
                    yield from kids

    def notes(self) -> None:
        """A page footnote is a /Note with an /ID of its own (ISO 14289-1, 7.9), numbered in
        document order."""
        for number, note in enumerate(self.footnote_spans(), start=1):
            note["S"] = "/Note"
            note["ID"] = pydyf.String(f"voetnoot-{number}")

    # -- table headers

    def scope_headers(self) -> None:
        """`/Scope` on every TH: `/Column` in a header row (THead), `/Row` in the body: a
        row header (the first cell of a row) or a group row's header; the group header is
        also named in the `/Headers` of every data cell below it, until the next group."""
        for table in (e for e in self.elements() if e.get("S") == "/Table"):
            for group in self.children(table):
                role = group.get("S")
                rows = self.children(group) if role in _CELL_PARENTS else [group]
                current_group: Any = None
                for row in rows:
                    if row.get("S") != "/TR":
                        continue
                    cells = [c for c in self.children(row) if c.get("S") in ("/TH", "/TD")]
                    if role != "/THead" and len(cells) == 1 and cells[0].get("S") == "/TH" \
                            and cells[0].get("ID") is not None \
                            and (cells[0].get("A") or {}).get("ColSpan", 1) > 1:
                        current_group = cells[0]  # a row that only names what follows
                    for cell in cells:
                        attributes = cell.get("A")
                        if not isinstance(attributes, dict):
                            attributes = cell["A"] = pydyf.Dictionary({"O": "/Table"})
                        if cell.get("S") == "/TH":
                            attributes["Scope"] = "/Column" if role == "/THead" else "/Row"
                        elif current_group is not None:
                            headers = attributes.get("Headers")
                            if not isinstance(headers, list):
                                headers = attributes["Headers"] = pydyf.Array()
                            if current_group["ID"] not in headers:
                                headers.insert(0, current_group["ID"])

    # -- lists

    def fix_lists(self) -> None:
        """A list holds list items and a list item a label and a body (ISO 32000-1, 14.8.4.3.3).
        WeasyPrint puts a `<div>` that groups a `<dt>` and its `<dd>` (the cover's facts)
        between the list and its items, and the paragraphs of a loose list item straight
        into the item: unwrap such a Div, and wrap what is not a label in a `/LBody`."""
        for element in list(self.elements()):
            role = element.get("S")
            if role == "/L":
                kids = []
                for kid in self.children(element):
                    inner = self.children(kid)
                    if kid.get("S") == "/Div" and inner and \
                            all(i.get("S") == "/LI" for i in inner):
                        for item in inner:
                            item["P"] = element.reference
                        kids += [item.reference for item in inner]
                    else:
                        kids.append(kid.reference)
                if len(kids) != len(self.children(element)):
                    element["K"] = pydyf.Array(kids)
            elif role == "/LI":
                kids = self.children(element)
                if all(k.get("S") in ("/Lbl", "/LBody") for k in kids) or \
                        len(kids) != len(element["K"]):  # (content of its own: leave it)
                    continue
                result: list[Any] = []
                body: Any = None
                for kid in kids:
                    if kid.get("S") in ("/Lbl", "/LBody"):
                        result.append(kid.reference)
                        body = None
                        continue
                    if body is None:
                        body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody",
                                                 "K": pydyf.Array(), "P": element.reference})
                        if "Pg" in element:
                            body["Pg"] = element["Pg"]
                        self.pdf.add_object(body)
                        result.append(body.reference)
                    body["K"].append(kid.reference)
                    kid["P"] = body.reference
                element["K"] = pydyf.Array(result)

    # -- margin boxes

    def margin_boxes_as_artifacts(self) -> None:
        """WeasyPrint tags the text of the margin boxes (running header, footer, page
        numbers) with MCIDs whose structure elements it never links into the tree. Such
        content is neither real content nor an artifact; it is pagination, so: mark it
        `/Artifact <</Type /Pagination>>` in the page's content stream and drop its MCIDs
        from the parent tree (`null`)."""
        parent_tree = self.object(self.root.get("ParentTree"))
        if not isinstance(parent_tree, dict):
            return
        nums = parent_tree.get("Nums") or []
        reachable = {e.number for e in self.elements()}
        pages = self.pages()
        for index in range(0, len(nums) - 1, 2):
            page_number, mapping = nums[index], nums[index + 1]
            if not isinstance(mapping, list) or not isinstance(page_number, int) \
                    or page_number >= len(pages):
                continue
            orphans = {mcid for mcid, ref in enumerate(mapping)
                       if _number(ref) is not None and _number(ref) not in reachable}
            if not orphans:
                continue
            contents = self.object(pages[page_number].get("Contents"))
            if contents is None:
                continue
            for mcid in _mark_artifacts(contents, orphans):
                mapping[mcid] = b"null"


def _mark_artifacts(stream: Any, mcids: set[int]) -> set[int]:
    """Turn the marked-content sequences with these MCIDs into pagination artifacts; the
    MCIDs it found. pydyf keeps a content stream as a list of operands and operators, so a
    sequence is `"/Span", <<MCID n>>, b"BDC"`."""
    items = stream.stream
    done = set()
    for i in range(1, len(items) - 1):
        item = items[i]
        if isinstance(item, dict) and items[i + 1] == b"BDC" and item.get("MCID") in mcids:
            done.add(item["MCID"])
            items[i - 1] = "/Artifact"
            items[i] = pydyf.Dictionary({"Type": "/Pagination"})
    return done


# -- attachments ----------------------------------------------------------------------------

def _deduplicate_af(pdf: Any) -> None:
    """WeasyPrint's PDF/A step adds every attachment to the catalog's /AF twice (once from
    the EmbeddedFiles name tree, once as a file specification): keep the first of each."""
    af = pdf.catalog.get("AF")
    if isinstance(af, list):
        unique = list(dict.fromkeys(af))
        af[:] = unique


def _mime_types(pdf: Any) -> None:
    """The embedded file's /Subtype from its name, for the types pcdocs attaches."""
    for item in pdf.objects:
        if not isinstance(item, dict) or item.get("Type") != "/Filespec":
            continue
        embedded = item.get("EF")
        number = _number(embedded.get("F")) if isinstance(embedded, dict) else None
        if number is None:
            continue
        name = item.get("UF")
        text = getattr(name, "string", name)
        if not isinstance(text, str):
            continue
        mime = MIME_TYPES.get(posixpath.splitext(text)[1].lower())
        if mime is not None:
            pdf.objects[number].extra["Subtype"] = "/" + mime.replace("/", "#2f")


# -- PDF/UA-1 -------------------------------------------------------------------------------

def pdfua_problems(pdf: Any) -> list[str]:
    """What keeps this PDF from PDF/UA-1, as far as a machine can tell (empty: nothing).
    Checked on the finished objects, so a declaration never outruns the file."""
    problems: list[str] = []
    tree = _Tree(pdf)
    if tree.root is None:
        return ["geen structuurboom"]
    mark_info = pdf.catalog.get("MarkInfo")
    if not isinstance(mark_info, dict) or mark_info.get("Marked") != "true":
        problems.append("MarkInfo/Marked ontbreekt")
    language = pdf.catalog.get("Lang")
    if not getattr(language, "string", ""):
        problems.append("geen taal (/Lang)")
    preferences = pdf.catalog.get("ViewerPreferences")
    if not isinstance(preferences, dict) or preferences.get("DisplayDocTitle") != "true":
        problems.append("DisplayDocTitle ontbreekt")
    parent_tree = tree.object(tree.root.get("ParentTree"))
    reachable = {e.number for e in tree.elements()}
    for index, value in enumerate(parent_tree.get("Nums", []) if parent_tree else []):
        if index % 2 and isinstance(value, list) and any(
                _number(ref) is not None and _number(ref) not in reachable for ref in value):
            problems.append("inhoud van structuurelementen buiten de boom (marge)")
            break
    last_heading = 0
    for element in tree.elements():
        role = element.get("S")
        kinds = [c.get("S") for c in tree.children(element)]
        if role == "/Figure" and not (element.get("Alt") or element.get("ActualText")):
            problems.append("figuur zonder alternatieve tekst")
        elif role == "/Table" and not any(k in (*_CELL_PARENTS, "/TR") for k in kinds):
            problems.append("tabel zonder rijen (/TR)")
        elif role == "/TH" and "Scope" not in (element.get("A") or {}):
            problems.append("kopcel zonder /Scope")
        elif role == "/LI" and any(k not in ("/Lbl", "/LBody") for k in kinds):
            problems.append("lijstitem met iets anders dan /Lbl of /LBody")
        elif role == "/L" and any(k not in ("/LI", "/L", "/Caption") for k in kinds):
            problems.append("lijst met iets anders dan /LI")
        elif role == "/TR" and any(k not in ("/TH", "/TD") for k in kinds):
            problems.append("tabelrij met iets anders dan cellen")
        elif role in _HEADINGS:
            level = int(role[2])
            if level > last_heading + 1:
                problems.append(f"kopniveau overgeslagen (H{last_heading} → H{level})")
            last_heading = level
    if any(note.get("S") != "/Note" for note in tree.footnote_spans()):
        problems.append("voetnoot niet als /Note")
    for page in tree.pages():
        if page.get("Annots") and page.get("Tabs") != "/S":
            problems.append("pagina met annotaties zonder /Tabs /S")
    return list(dict.fromkeys(problems))


def _declare_pdfua(pdf: Any) -> None:
    """Add the PDF/UA-1 identification to the XMP metadata WeasyPrint wrote for PDF/A."""
    metadata = _Tree(pdf).object(pdf.catalog.get("Metadata"))
    if metadata is None:
        return
    content = b"".join(bytes(part) for part in metadata.stream)
    closing = b"</rdf:RDF>"
    if b"pdfuaid" in content or closing not in content:
        return
    metadata.stream[:] = [content.replace(closing, PDFUA_XMP + closing, 1)]
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
