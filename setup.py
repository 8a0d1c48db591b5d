"""What pyproject.toml cannot say: ship `resources/` inside the wheel.

The presets, sample data sets, icons and translations live in `resources/` at the top of
the repository (beside the package, not in it). A wheel only carries packages, so this maps
that folder to the data package `fnnsim._resources` (each subfolder, e.g. presets/, to a
subpackage such as `fnnsim._resources.presets`, as setuptools wants data folders listed)
and ships every file in them; fnnsim/resources.py looks there first. Everything else about
the project is in pyproject.toml.
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = ["fnnsim._resources", *(
    f"fnnsim._resources.{name}" for name in find_namespace_packages(where="resources"))]

setup(
    packages=[*find_packages(include=["fnnsim", "fnnsim.*"]), *RESOURCES],
    package_dir={"fnnsim._resources": "resources"},
    package_data={name: ["*"] for name in RESOURCES},
)
