"""The JSON backup: every table dumped to one document, restored whole into an empty database."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TextIO

from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import Session

from workbench.core.errors import WorkbenchError
from workbench.store import migrate
from workbench.store.database import Database
from workbench.store.models import metadata

BACKUP_FORMAT = "claim-workbench-backup"
BACKUP_VERSION = 1
INSERT_BATCH_ROWS = 1000
"""Rows sent to the database per INSERT round trip while restoring."""
UNCOUNTABLE_TABLES = frozenset({"evidence"})
"""Table names that take no plural -s in messages."""


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """How one column is checked and converted when a backup is restored."""

    name: str
    kind: str
    """timestamp, date, json, float, integer, boolean or text."""
    nullable: bool
    required: bool
    """The backup must give it: no default fills it in."""
    self_reference: bool
    """A foreign key to its own table, filled in after every row of the table exists."""


@dataclass(frozen=True, slots=True)
class TableRows:
    """One table's rows from a backup, converted to Python values and ready to insert."""

    table: Table
    rows: list[dict[str, Any]]
    self_references: list[dict[str, Any]]
    """Per row with a self-reference: its primary key and the self-referencing values."""


def backed_up_tables() -> list[Table]:
    """Every table of the schema, parents before children (Alembic's own table is not one)."""
    return [table for table in metadata.sorted_tables if table.name != "alembic_version"]


def dump_database(*, database: Database) -> dict[str, Any]:
    """Every row of every table, ordered by primary key, as JSON-ready values."""
    revision = migrate.current_revision(database)
    tables: dict[str, list[dict[str, Any]]] = {}
    with database.engine.connect() as connection:
        if database.dialect == "postgresql":
            # One snapshot for every table, so rows written meanwhile cannot tear the backup.
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            for table in backed_up_tables():
                tables[table.name] = list(_dump_rows(connection, table))
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "schema_revision": revision,
        "tables": tables,
    }


def _dump_rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    statement = select(table).order_by(*table.primary_key.columns)
    names = [column.name for column in table.columns]
    for row in connection.execute(statement):
        yield {name: _json_value(value) for name, value in zip(names, row, strict=True)}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        # Timestamps are UTC-aware on both engines; a naive one would be SQLite's UTC.
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def dumps_backup(payload: Mapping[str, Any]) -> str:
    """The backup as text: sorted keys, so SQLite and PostgreSQL give the same bytes."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write_backup(payload: Mapping[str, Any], out: TextIO) -> None:
    """Write the backup to `out` exactly as `dumps_backup` spells it."""
    json.dump(payload, out, ensure_ascii=False, sort_keys=True, indent=1)
    out.write("\n")


def restore_database(*, database: Database, payload: Mapping[str, Any]) -> dict[str, int]:
    """Restore a backup into an empty database in one transaction; rows per table restored.

    Raises:
        WorkbenchError: the payload is not a backup this version can read, a row does not fit
            the schema, or the database already holds data. Nothing is written then.
    """
    tables = _backup_tables(payload)
    prepared = [_prepare_table(table, tables.get(table.name, [])) for table in backed_up_tables()]
    try:
        with database.writing() as session:
            _require_empty(session)
            for table_rows in prepared:
                _insert_table(session, table_rows)
            if database.dialect == "postgresql":
                for table_rows in prepared:
                    _reset_id_sequence(session, table_rows.table)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise WorkbenchError(
            f"the backup does not fit the database, nothing was restored: {reason}"
        ) from exc
    return {table_rows.table.name: len(table_rows.rows) for table_rows in prepared}


def _backup_tables(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    if not isinstance(payload, Mapping) or payload.get("format") != BACKUP_FORMAT:
        raise WorkbenchError(f"not a Claim Workbench backup (no format {BACKUP_FORMAT!r})")
    version = payload.get("version")
    if version != BACKUP_VERSION or isinstance(version, bool):
        raise WorkbenchError(
            f"not a Claim Workbench backup this version can read: backup format version "
            f"{version!r}, expected {BACKUP_VERSION}"
        )
    _check_schema_revision(payload.get("schema_revision"))
    tables = payload.get("tables")
    if not isinstance(tables, Mapping):
        raise WorkbenchError("not a Claim Workbench backup: it has no tables")
    known = {table.name for table in backed_up_tables()}
    unknown = sorted(str(name) for name in tables if name not in known)
    if unknown:
        raise WorkbenchError(f"the backup has tables this version does not know: {unknown}")
    return tables


def _check_schema_revision(revision: Any) -> None:
    if not isinstance(revision, str):
        raise WorkbenchError("not a Claim Workbench backup: it names no schema revision")
    script = ScriptDirectory.from_config(migrate.alembic_config())
    known = {item.revision for item in script.walk_revisions()}
    if revision not in known:
        raise WorkbenchError(
            f"the backup was made with schema {revision}, newer than this version's "
            f"{migrate.head_revision()}; restore it with a newer Claim Workbench"
        )


def _column_plans(table: Table) -> dict[str, ColumnPlan]:
    plans: dict[str, ColumnPlan] = {}
    for column in table.columns:
        has_default = column.default is not None or column.server_default is not None
        plans[column.name] = ColumnPlan(
            name=column.name,
            kind=_column_kind(column.type),
            nullable=bool(column.nullable),
            required=bool(column.primary_key) or not (column.nullable or has_default),
            self_reference=any(key.column.table is table for key in column.foreign_keys),
        )
    return plans


def _column_kind(column_type: TypeEngine[Any]) -> str:
    while isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    kinds: Sequence[tuple[type[TypeEngine[Any]], str]] = (
        (JSON, "json"),
        (DateTime, "timestamp"),
        (Date, "date"),
        (Boolean, "boolean"),
        (Float, "float"),
        (Integer, "integer"),
        (String, "text"),
    )
    for type_class, kind in kinds:
        if isinstance(column_type, type_class):
            return kind
    raise TypeError(f"no backup conversion for column type {column_type!r}")


def _prepare_table(table: Table, raw_rows: Any) -> TableRows:
    if not isinstance(raw_rows, list):
        raise WorkbenchError(f"backup table {table.name}: expected a list of rows")
    plans = _column_plans(table)
    first_columns: set[str] | None = None
    rows: list[dict[str, Any]] = []
    self_references: list[dict[str, Any]] = []
    primary_key = [column.name for column in table.primary_key.columns]
    for index, raw_row in enumerate(raw_rows, start=1):
        where = f"backup table {table.name}, row {index}"
        if not isinstance(raw_row, Mapping):
            raise WorkbenchError(f"{where}: not an object")
        columns = set(raw_row)
        if first_columns is None:
            first_columns = _check_columns(table, columns, plans)
        elif columns != first_columns:
            raise WorkbenchError(f"{where}: its columns differ from the table's first row")
        row = {name: _restore_value(raw_row[name], plans[name], where) for name in raw_row}
        deferred = {
            name: row[name] for name in row if plans[name].self_reference and row[name] is not None
        }
        if deferred:
            # The row it points at may come later; the link is set once both exist.
            self_references.append({**{key: row[key] for key in primary_key}, **deferred})
            row.update(dict.fromkeys(deferred))
        rows.append(row)
    return TableRows(table=table, rows=rows, self_references=self_references)


def _check_columns(table: Table, columns: set[str], plans: Mapping[str, ColumnPlan]) -> set[str]:
    unknown = sorted(str(name) for name in columns if name not in plans)
    if unknown:
        raise WorkbenchError(
            f"backup table {table.name} has columns this version does not know: {unknown}"
        )
    missing = sorted(name for name, plan in plans.items() if plan.required and name not in columns)
    if missing:
        raise WorkbenchError(f"backup table {table.name} lacks required columns: {missing}")
    return columns


def _restore_value(value: Any, plan: ColumnPlan, where: str) -> Any:
    if value is None:
        if not plan.nullable:
            raise WorkbenchError(f"{where}: {plan.name} is null but must have a value")
        return None
    if plan.kind == "json":
        return value
    if plan.kind == "timestamp" and isinstance(value, str):
        return _parse_timestamp(value, plan, where)
    if plan.kind == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise WorkbenchError(f"{where}: {plan.name} is not an ISO date: {value!r}") from exc
    if plan.kind == "float" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if plan.kind == "integer" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if plan.kind == "boolean" and isinstance(value, bool):
        return value
    if plan.kind == "text" and isinstance(value, str):
        return value
    raise WorkbenchError(f"{where}: {plan.name} should be {plan.kind}, not {value!r:.60}")


def _parse_timestamp(value: str, plan: ColumnPlan, where: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise WorkbenchError(f"{where}: {plan.name} is not an ISO timestamp: {value!r}") from exc
    if parsed.tzinfo is None:
        raise WorkbenchError(f"{where}: {plan.name} has no UTC offset: {value!r}")
    return parsed


def _require_empty(session: Session) -> None:
    counts = {
        table.name: int(session.execute(select(func.count()).select_from(table)).scalar_one())
        for table in backed_up_tables()
    }
    held = [_count_phrase(name, count) for name, count in counts.items() if count]
    if held:
        raise WorkbenchError(
            f"the database is not empty: {', '.join(held)}; restore a backup into a new database"
        )


def _count_phrase(table_name: str, count: int) -> str:
    words = table_name.replace("_", " ")
    if count == 1 or table_name in UNCOUNTABLE_TABLES:
        return f"{count} {words}"
    return f"{count} {words}{'es' if words.endswith('s') else 's'}"


def _insert_table(session: Session, table_rows: TableRows) -> None:
    table = table_rows.table
    for start in range(0, len(table_rows.rows), INSERT_BATCH_ROWS):
        session.execute(insert(table), table_rows.rows[start : start + INSERT_BATCH_ROWS])
    primary_key = list(table.primary_key.columns)
    key_names = {column.name for column in primary_key}
    for link in table_rows.self_references:
        condition = [column == link[column.name] for column in primary_key]
        values = {name: value for name, value in link.items() if name not in key_names}
        session.execute(update(table).where(*condition).values(values))


def _reset_id_sequence(session: Session, table: Table) -> None:
    key_columns: list[Column[Any]] = list(table.primary_key.columns)
    if len(key_columns) != 1 or _column_kind(key_columns[0].type) != "integer":
        return
    key = key_columns[0]
    # Rows came in with their own ids; the sequence must continue after the largest one.
    sequence = func.pg_get_serial_sequence(literal(f'"{table.name}"'), literal(key.name))
    largest = func.max(key)
    session.execute(
        select(func.setval(sequence, func.coalesce(largest, 1), largest.is_not(None))).select_from(
            table
        )
    )
