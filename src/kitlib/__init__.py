"""kitlib: indicators, targets and briefing notes for results-based municipal management."""

from .errors import ConfigError, DataValidationError, KitlibError, Problem, UnknownUnitError
from .load import KitData, load_data
from .resources import sample_folder
from .validate import check_folder

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "DataValidationError",
    "KitData",
    "KitlibError",
    "Problem",
    "UnknownUnitError",
    "check_folder",
    "load_data",
    "sample_folder",
]
