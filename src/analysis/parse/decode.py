"""Raw bytes -> text: encodings, BOM, line ends, and refusal of what is not page text."""

from __future__ import annotations

import re

from analysis.parse.document import ParseError

# UTF-8 multi-byte sequences read as cp1252 ("â€™" for "’"): a sign the file was UTF-8 with a bad byte.
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


# Signatures of files that are not page text, checked at the start of the file.
_SIGNATURES = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a zip archive (Word, Excel or ODF document?)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"{\\rtf": "an RTF document",
}
# Markup anywhere in the file: a tag that opens or closes a whole HTML document part (<html>, </body> ...).
# A control character other than a line end or a tab (a character at a time in Python took 0.1 s on 48 pages).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_HTML_LINE = re.compile(r"<(?:!doctype|/?(?:html|head|body))\b[^<>\n]*>", re.IGNORECASE)


def decode(raw: bytes, source: str) -> tuple[str, list[str]]:
    """Bytes -> text with '\\n' line ends, plus warnings for what had to be repaired.

    The whole content is checked (not only its start): a NUL byte or an HTML document line anywhere refuses it.
    """
    warnings: list[str] = []
    if not raw.strip():
        raise ParseError(source, "file is empty")
    for signature, what in _SIGNATURES.items():
        if raw.lstrip().startswith(signature):
            raise ParseError(source, f"this is {what}, not the text of a GOV.UK page", 1)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ParseError(source, "binary file (contains NUL bytes), not the text of a GOV.UK page", _line_of(raw, nul))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        warnings.append("UTF-8 byte-order mark removed")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.start >= len(raw) - 3:
            text = raw[: err.start].decode("utf-8")
            warnings.append("file ends inside a multi-byte character (truncated download): partial character dropped")
        else:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError as err2:
                raise ParseError(
                    source, f"undecodable byte 0x{raw[err2.start]:02x} (neither UTF-8 nor cp1252)", _line_of(raw, err2.start)
                ) from None
            if _MOJIBAKE.search(text):
                raise ParseError(
                    source, f"undecodable byte 0x{raw[err.start]:02x} in UTF-8 text (mixed encodings)", _line_of(raw, err.start)
                )
            warnings.append("not UTF-8: decoded as Windows-1252 (cp1252)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        warnings.append("CRLF line endings normalised")
    controls = len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 200):
        raise ParseError(source, "binary or corrupt file (control characters), not the text of a GOV.UK page")
    html = _HTML_LINE.search(text)
    if html:
        raise ParseError(
            source,
            "this is an HTML file: save the GOV.UK page as plain text (the page's body text) instead",
            text.count("\n", 0, html.start()) + 1,
        )
    return text, warnings
