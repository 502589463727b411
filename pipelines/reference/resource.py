"""The reference bundle a run loads into the warehouse, as a Dagster resource."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.reference.bundle import ReferenceBundle, current_bundle


class ReferenceBundleResource(dg.ConfigurableResource):
    """One reference bundle (its folder, e.g. reference/bundles/2026.12.1)."""

    folder: str

    @classmethod
    def current(cls, reference_dir: Path) -> ReferenceBundleResource:
        """The newest bundle under `reference_dir`, else the one shipped in the repository."""
        return cls(folder=str(current_bundle(reference_dir).folder))

    def bundle(self) -> ReferenceBundle:
        return ReferenceBundle(Path(self.folder))
