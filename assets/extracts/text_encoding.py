"""CSV files as UTF-8 for DuckDB: checked in the declared encoding, transcoded when it is not UTF-8.

DuckDB reads UTF-8. NHS exports saved from Excel are often cp1252 ("Windows-1252": £, –, ’ are
single bytes that are not valid UTF-8), so a source declares its encoding and the file is decoded
in chunks (never whole in memory), its first undecodable byte reported by line.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from assets.extracts.problems import FileProblem, UnreadableFile
from assets.extracts.received_files import CHUNK_BYTES

UTF8_NAMES = ("utf-8", "utf-8-sig")
SNIPPET_BYTES = 40


def utf8_path(path: Path, encoding: str, transcoded: Path) -> Path:
    """`path` itself if it is valid UTF-8, or `transcoded`, written as its UTF-8 version.

    Raises UnreadableFile naming the line and byte of the first text not in `encoding`.
    """
    codec = codecs.lookup(encoding).name
    needs_transcoding = codec not in UTF8_NAMES
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    lines_before = 0
    offset = 0
    output = transcoded.open("wb") if needs_transcoding else None
    try:
        with path.open("rb") as handle:
            while True:
                chunk = handle.read(CHUNK_BYTES)
                pending = decoder.getstate()[0]
                try:
                    text = decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError as error:
                    raise _not_in_encoding(
                        error, pending + chunk, offset - len(pending), lines_before, codec
                    ) from None
                lines_before += text.count("\n")
                offset += len(chunk)
                if output is not None:
                    output.write(text.encode("utf-8"))
                if not chunk:
                    break
    finally:
        if output is not None:
            output.close()
    return transcoded if needs_transcoding else path


def _not_in_encoding(
    error: UnicodeDecodeError, buffer: bytes, buffer_offset: int, lines_before: int, codec: str
) -> UnreadableFile:
    before = buffer[: error.start]
    line = lines_before + before.decode(codec, errors="replace").count("\n") + 1
    bad = buffer[error.start : error.end]
    start_of_line = before.rfind(b"\n") + 1
    snippet = buffer[max(start_of_line, error.start - SNIPPET_BYTES) : error.end + SNIPPET_BYTES]
    context = snippet.split(b"\n")[0].decode(codec, errors="replace")
    hint = ""
    if codec in UTF8_NAMES:
        try:
            meant = bad.decode("cp1252")
        except UnicodeDecodeError:
            meant = ""
        hint = (
            f"; in cp1252 (Windows) that byte is {meant!r}: if the file was saved from Excel or an "
            "NHS system, declare format.encoding: cp1252"
            if meant
            else ""
        )
    return UnreadableFile(
        [
            FileProblem(
                row=line,
                field=None,
                reason=(
                    f"not {codec} text: byte {bad!r} at offset {buffer_offset + error.start} "
                    f"({error.reason}) in {context!r}{hint}"
                ),
            )
        ]
    )
