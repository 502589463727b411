"""A step's own cap on DuckDB's memory, below OUTCOMES_DUCKDB_MEMORY_LIMIT where that is higher.

DuckDB takes what it is allowed, whether or not a query needs it: a 1 GB download's load peaked at
810 MB RSS at the 2GB default and at 585 MB at 500MB, in the same time. The steps that stream large
downloads through DuckDB (the raw load, the dbt models over the facts, the verdicts) cap it for
themselves; the rest keep the setting, as a table with a primary key (a large local extract's)
must hold its index in memory.
"""

import duckdb

from assets.warehouse.sql_files import statement


def cap_memory(connection: duckdb.DuckDBPyConnection, limit: str) -> None:
    """At most `limit` (e.g. "500MB") for the rest of the connection's database."""
    connection.execute(
        statement("warehouse/set_memory_limit"), {"limit": capped(connection, limit)}
    )


def capped(connection: duckdb.DuckDBPyConnection, limit: str) -> str:
    """The smaller of the connection's memory limit and `limit`, in bytes ("524288000B")."""
    ((smaller,),) = connection.execute(
        statement("warehouse/select_capped_memory_limit"), {"limit": limit}
    ).fetchall()
    return f"{smaller}B"
