"""Data sets for fnnsim: synthetic generators, CSV loading, splitting and standardising.

Pure NumPy and the standard library (no Qt, no pandas); every error a user can cause is a
`fnnsim.errors.DataError` with a one-line message.
"""

from fnnsim.data.csv_loader import load_csv, read_csv_header
from fnnsim.data.dataset import CLASSIFICATION, REGRESSION, TASKS, Dataset
from fnnsim.data.generators import GENERATORS, GeneratorSpec, Param, generate
from fnnsim.data.split import Standardizer, split_indices, train_val_split

__all__ = [
    "CLASSIFICATION",
    "GENERATORS",
    "REGRESSION",
    "TASKS",
    "Dataset",
    "GeneratorSpec",
    "Param",
    "Standardizer",
    "generate",
    "load_csv",
    "read_csv_header",
    "split_indices",
    "train_val_split",
]
