"""Read a processed table by name, typed and validated: the one way notebooks, the report and the
evaluation load `data/processed/`.

CSV keeps no types, so each column is read as its pandera model says (`schemas.dtypes`): an empty
cell is missing in a nullable column and an empty string in a text column that may not be missing
(`vague_cues` of a statement with no cue). The table is then validated, so a stale or hand-edited file
fails here with the model's message instead of misleading a chart.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import paths, schemas

NAMES: tuple[str, ...] = tuple(schemas.TABLES)


def path(name: str, processed_dir: Path | str = paths.PROCESSED) -> Path:
    """The file a table is read from: statements from Parquet (typed), every other table from its CSV."""
    schemas.model(name)  # unknown names fail here, with the list of known ones
    suffix = ".parquet" if name == "statements" else ".csv"
    return Path(processed_dir) / f"{name}{suffix}"


def read(name: str, processed_dir: Path | str = paths.PROCESSED, *, validate: bool = True) -> pd.DataFrame:
    """The processed table `name` (a file stem of data/processed/), with its model's columns, order and
    dtypes, validated against the model unless `validate` is False."""
    file = path(name, processed_dir)
    if not file.exists():
        raise FileNotFoundError(f"{file}: no such table (run `make data`)")
    if file.suffix == ".parquet":
        frame = pd.read_parquet(file)
    else:
        frame = _read_csv(name, file)
    frame = schemas.build(name, frame)
    return schemas.model(name).validate(frame) if validate else frame


def _read_csv(name: str, file: Path) -> pd.DataFrame:
    dtypes = schemas.dtypes(name)
    nullable = set(schemas.nullable(name))
    # Only nullable columns, and numbers, read an empty cell as missing; nothing else is taken for NA.
    na_values = {c: [""] for c, dtype in dtypes.items() if c in nullable or pd.api.types.is_float_dtype(dtype)}
    text = {c: "str" for c, dtype in dtypes.items() if pd.api.types.is_string_dtype(dtype)}
    return pd.read_csv(file, dtype=text, keep_default_na=False, na_values=na_values)
