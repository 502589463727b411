"""Snapshots: every raw response of a run saved to a folder, and replayed from it with no network.

Layout of a snapshot folder:
    manifest.json                    {"synthetic": bool, "note": str, "responses": {name: entry}}
    responses/<name>.json | .csv     the bodies, byte for byte as they came back
where <name> is a readable endpoint slug plus a hash of the canonical query, and each entry holds
the endpoint, parameters, file, kind, sha256 and fetched_at.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from assets.fingertips.errors import SnapshotMissError, UnexpectedBodyError
from assets.fingertips.source import (
    FetchedFile,
    FetchedJson,
    Params,
    canonical_query,
    parse_json_body,
)

MANIFEST = "manifest.json"


def response_name(endpoint: str, params: Params) -> str:
    query = canonical_query(endpoint, params)
    slug = endpoint.strip("/").replace("/", "_")
    return f"{slug}__{hashlib.sha256(query.encode()).hexdigest()[:16]}"


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise SnapshotMissError(f"{folder}: not a snapshot folder (no {MANIFEST})")
    return json.loads(path.read_text(encoding="utf-8"))


def snapshot_indicator_ids(folder: Path) -> list[int]:
    """The indicators whose all_data downloads a snapshot holds (what a replay can pull)."""
    ids: set[int] = set()
    for entry in read_manifest(folder)["responses"].values():
        params = entry["params"]
        if entry["endpoint"].startswith("all_data/"):
            text = params.get("indicator_ids") or params.get("indicator_id", "")
            ids.update(int(part) for part in text.split(",") if part)
    return sorted(ids)


class SnapshotRecorder:
    """Saves each response of a live run into a snapshot folder as it arrives."""

    def __init__(self, folder: Path, synthetic: bool = False, note: str = "") -> None:
        self.folder = folder
        (folder / "responses").mkdir(parents=True, exist_ok=True)
        manifest_path = folder / MANIFEST
        self._manifest: dict[str, Any] = (
            read_manifest(folder)
            if manifest_path.is_file()
            else {"synthetic": synthetic, "note": note, "responses": {}}
        )

    def _add(
        self,
        endpoint: str,
        params: Params,
        file_name: str,
        kind: str,
        sha256: str,
        fetched_at: datetime,
    ) -> None:
        self._manifest["responses"][response_name(endpoint, params)] = {
            "endpoint": endpoint,
            "params": {key: str(value) for key, value in sorted(params.items())},
            "file": f"responses/{file_name}",
            "kind": kind,
            "sha256": sha256,
            "fetched_at": fetched_at.isoformat(),
        }
        temporary = self.folder / (MANIFEST + ".tmp")
        temporary.write_text(json.dumps(self._manifest, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.folder / MANIFEST)

    def record_bytes(
        self, endpoint: str, params: Params, body: bytes, kind: str, fetched_at: datetime
    ) -> None:
        file_name = f"{response_name(endpoint, params)}.{kind}"
        (self.folder / "responses" / file_name).write_bytes(body)
        self._add(endpoint, params, file_name, kind, hashlib.sha256(body).hexdigest(), fetched_at)

    def record_file(
        self, endpoint: str, params: Params, source: Path, fetched_at: datetime
    ) -> None:
        file_name = f"{response_name(endpoint, params)}.csv"
        shutil.copyfile(source, self.folder / "responses" / file_name)
        self._add(endpoint, params, file_name, "csv", _file_sha256(source), fetched_at)


class SnapshotFingertips:
    """Replays a recorded run: answers each request from the snapshot folder, no network."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._manifest = read_manifest(folder)
        self.synthetic = bool(self._manifest.get("synthetic"))

    def _entry(self, endpoint: str, params: Params) -> tuple[str, dict[str, Any]]:
        url = f"snapshot://{self.folder.name}/{canonical_query(endpoint, params)}"
        entry = self._manifest["responses"].get(response_name(endpoint, params))
        if entry is None:
            raise SnapshotMissError(
                f"{url}: the snapshot in {self.folder} holds no response for this request; "
                "record one with `outcomes snapshot record` or unset FINGERTIPS_SNAPSHOT"
            )
        return url, entry

    def get_json(self, endpoint: str, params: Params, expect: type) -> FetchedJson:
        url, entry = self._entry(endpoint, params)
        body = (self.folder / entry["file"]).read_bytes()
        return FetchedJson(
            endpoint,
            params,
            url,
            datetime.fromisoformat(entry["fetched_at"]),
            entry["sha256"],
            parse_json_body(url, body, expect),
            body.decode("utf-8-sig"),
        )

    def download(self, endpoint: str, params: Params, destination: Path) -> FetchedFile:
        url, entry = self._entry(endpoint, params)
        source = self.folder / entry["file"]
        sha256 = _file_sha256(source)
        if sha256 != entry["sha256"]:
            raise UnexpectedBodyError(
                f"{url}: {source} does not match the sha256 in the manifest (edited or corrupt)"
            )
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        return FetchedFile(
            endpoint,
            params,
            url,
            datetime.fromisoformat(entry["fetched_at"]),
            sha256,
            destination,
            destination.stat().st_size,
        )
