"""Errors raised by the Fingertips source. Each message names the URL (or file), row and field."""


class FingertipsError(RuntimeError):
    """Base class: the Fingertips source returned something the pipeline cannot use."""


class FingertipsHTTPError(FingertipsError):
    """The API answered with an error status, or could not be reached after all retries."""


class FingertipsUnreachableError(FingertipsHTTPError):
    """No connection could be made (no route, refused, a failed name lookup, a connect timeout)."""


class UnexpectedBodyError(FingertipsError):
    """The body is not what was asked for: an HTML page, empty, truncated, or the wrong shape."""


class CsvHeaderError(UnexpectedBodyError):
    """An all_data CSV whose header is not one of the known layouts."""


class CsvContentError(UnexpectedBodyError):
    """An all_data CSV whose rows cannot be read or typed (names the row and field)."""


class DuplicateKeyError(FingertipsError):
    """Two rows of one response share the fact key (names both rows)."""


class SnapshotMissError(FingertipsError):
    """Replay was asked for a response the snapshot does not hold."""
