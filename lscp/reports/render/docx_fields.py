"""Word fields written into a python-docx document: a page number, the contents (TOC).

A field is code Word evaluates (PAGE, NUMPAGES, TOC) and the result shown until it does.
The document asks Word to update its fields when it opens (w:updateFields), so the contents
get their page numbers without the reader doing anything; the result written here is what a
reader that never updates fields shows.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

TOC_INSTRUCTION = ' TOC \\o "1-3" \\h \\z \\u '


def add_field(paragraph, instruction: str, shown: str) -> None:  # type: ignore[no-untyped-def]
    """A simple field (w:fldSimple), e.g. PAGE, at the end of the paragraph."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _char(kind: str):  # type: ignore[no-untyped-def]
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")  # stale until Word updates it
    run.append(char)
    return run


def _instruction(code: str):  # type: ignore[no-untyped-def]
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = code
    run.append(text)
    return run


def add_toc(docx, entries: list[tuple[int, str]], styles: dict[int, str]) -> None:  # type: ignore[no-untyped-def]
    """A complex TOC field spanning one paragraph per entry: begin, instruction and separator
    in the first, the end in the last; each entry's text is the field's current result."""
    entries = entries or [(1, "Update this field to show the contents.")]
    paragraphs = [docx.add_paragraph(title, style=styles.get(level, styles[1]))
                  for level, title in entries]
    first = paragraphs[0]._p
    anchor = first.find(qn("w:pPr"))
    opening = [_char("begin"), _instruction(TOC_INSTRUCTION), _char("separate")]
    for position, run in enumerate(opening):
        if anchor is not None:
            anchor.addnext(run)
            anchor = run
        else:
            first.insert(position, run)
    paragraphs[-1]._p.append(_char("end"))


def ask_to_update_fields(docx) -> None:  # type: ignore[no-untyped-def]
    """w:updateFields in the settings: Word refreshes the contents and page count on open."""
    settings = docx.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    # The schema orders the settings: updateFields comes before these.
    after = [qn(f"w:{name}") for name in _AFTER_UPDATE_FIELDS]
    following = next((child for child in settings if child.tag in after), None)
    if following is None:
        settings.append(flag)
    else:
        following.addprevious(flag)


_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator")
