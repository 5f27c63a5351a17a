"""DataFrames to Parquet and back with the pandas types they had: the one way kitlib writes
tables for another process (snapshots, the batch's hand-over to workers and kernels).

Parquet keeps the values; the pandas types (``str``, ``Int64``, ``object`` columns of texts,
categories) are kept beside it by the caller, as `dtypes_of` gives them, in a JSON manifest,
and `read_frame` restores them. Columns of Python texts are written dictionary-encoded (ids
repeat) and read back with each distinct text once, shared by its rows. The index is not
kept: frames are written with their rows in order, and read back with a RangeIndex.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROW_GROUP = 65_536  # rows: about 20 units of 300 indicators and 10 years


def dtypes_of(frame: pd.DataFrame) -> dict[str, str]:
    """Each column's pandas type by name, as `read_frame` takes them back (JSON-ready)."""
    return {str(c): str(t) for c, t in frame.dtypes.items()}


def write_frame(frame: pd.DataFrame, file: Path | str, **options) -> dict[str, str]:
    """Write `frame` to the Parquet file `file`; return its `dtypes_of`."""
    pq.write_table(arrow_table(frame), file, row_group_size=ROW_GROUP, **options)
    return dtypes_of(frame)


def read_frame(file: Path | str, dtypes: dict[str, str], filters=None) -> pd.DataFrame:
    """The frame `write_frame` wrote to `file`, each column of the type in `dtypes`;
    `filters` (a pyarrow expression) keeps only the rows it selects."""
    return frame_of(pq.read_table(file, filters=filters), dtypes)


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """The frame as an Arrow table; columns of Python strings dictionary-encoded (ids repeat)."""
    arrays = {}
    for name, column in frame.items():
        arrays[str(name)] = (
            _text_array(column) if column.dtype == object else pa.array(column, from_pandas=True)
        )
    return pa.table(arrays)


def frame_of(table: pa.Table, dtypes: dict[str, str]) -> pd.DataFrame:
    """The Arrow table as pandas, each column of the type it had when written."""
    columns = {name: _column(table.column(name), dtype) for name, dtype in dtypes.items()}
    return pd.DataFrame(columns, index=pd.RangeIndex(table.num_rows))


def _text_array(column: pd.Series) -> pa.Array:
    codes, distinct = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=True)
    try:
        dictionary = pa.array(np.asarray(distinct, dtype=object), type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not only texts: as Arrow sees it
        return pa.array(column.to_numpy(dtype=object), from_pandas=True)
    indices = pa.array(codes.astype(np.int32), mask=codes < 0)
    return pa.DictionaryArray.from_arrays(indices, dictionary)


def _column(array: pa.ChunkedArray, dtype: str):
    array = pa.concat_arrays(array.chunks) if array.num_chunks else array.combine_chunks()
    if pa.types.is_dictionary(array.type) and array.type.value_type in (pa.string(), pa.large_string()):
        if dtype == "str":
            return pd.array(array.dictionary_decode().cast(pa.large_string()), dtype="str")
        # each distinct text once as a Python string, shared by its rows
        codes = pc.fill_null(array.indices, -1).to_numpy(zero_copy_only=False).astype(np.int32)
        categories = pd.Index(array.dictionary.to_pylist(), dtype=object)
        series = pd.Series(pd.Categorical.from_codes(codes, categories=categories, validate=False))
        return series.astype(object) if dtype == "object" else series.astype(dtype)
    if dtype == "str":
        return pd.array(array.cast(pa.large_string()), dtype="str")
    series = array.to_pandas()
    return series if str(series.dtype) == dtype else series.astype(dtype)
